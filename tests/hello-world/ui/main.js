// Marks the first rendered screen the way Tandem does, so `.ci/figures` times
// both apps to the same point.
window.addEventListener('DOMContentLoaded', () => {
  document.body.dataset.route = 'hello';
});
