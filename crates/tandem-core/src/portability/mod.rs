//! Bringing data in from elsewhere (and, later, taking it out): files made by
//! other programs, read here and checked by the same rules as the forms.

pub mod import;
