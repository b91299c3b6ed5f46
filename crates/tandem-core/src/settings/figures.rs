//! What the figures are measured against, editable in Réglages because the law
//! and her habits change: the two ceilings, the reminder schedule, and how she
//! declares to the URSSAF. Kept in `settings` (one key each), read with the
//! defaults of 2026 where she has set nothing.

use crate::catalog::{Code, UrssafActivity, UrssafRhythm};
use crate::error::Result;
use crate::validate::{self, Checker, Form, Need, Quantity};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Config {
    /// VAT franchise for services (CGI art. 293 B): 37 500 €.
    pub franchise_cents: i64,
    /// Its tolerance (« seuil majoré »): 41 250 €.
    pub franchise_tolerance_cents: i64,
    /// The micro-entrepreneur ceiling for services (CGI art. 50-0): 83 600 € in 2026–2028.
    pub micro_ceiling_cents: i64,
    /// Days after the due date at which the first, second reminder and the formal
    /// notice are due: J+7, J+15, J+30.
    pub reminder_days: [i64; 3],
    /// The deadline a formal notice gives, in days: 8.
    pub notice_days: i64,
    pub urssaf_rhythm: UrssafRhythm,
    pub urssaf_activity: UrssafActivity,
    /// The social contribution rate: 25,6 % (BNC) or 21,2 % (BIC services) in 2026.
    pub contribution_bps: i64,
    /// « Contribution à la formation professionnelle »: 0,2 %.
    pub cfp_bps: i64,
    /// The optional « versement libératoire » of income tax: 2,2 % (BNC), 1,7 % (BIC).
    pub liberatory: bool,
    pub liberatory_bps: i64,
}

/// The 2026 contribution and liberatory rates of an activity, the defaults the
/// form suggests when she changes it.
pub fn rates_of(activity: UrssafActivity) -> (i64, i64) {
    match activity {
        UrssafActivity::Bnc => (2560, 220),
        UrssafActivity::BicServices => (2120, 170),
    }
}

impl Default for Config {
    fn default() -> Self {
        let (contribution_bps, liberatory_bps) = rates_of(UrssafActivity::Bnc);
        Config {
            franchise_cents: 3_750_000,
            franchise_tolerance_cents: 4_125_000,
            micro_ceiling_cents: 8_360_000,
            reminder_days: [7, 15, 30],
            notice_days: 8,
            urssaf_rhythm: UrssafRhythm::Monthly,
            urssaf_activity: UrssafActivity::Bnc,
            contribution_bps,
            cfp_bps: 20,
            liberatory: false,
            liberatory_bps,
        }
    }
}

const KEYS: [&str; 13] = [
    "figures.franchise",
    "figures.franchise_tolerance",
    "figures.micro_ceiling",
    "figures.reminder_1",
    "figures.reminder_2",
    "figures.reminder_3",
    "figures.notice_days",
    "figures.urssaf_rhythm",
    "figures.urssaf_activity",
    "figures.contribution",
    "figures.cfp",
    "figures.liberatory",
    "figures.liberatory_rate",
];

pub fn get(conn: &Connection) -> Result<Config> {
    let mut st = conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?;
    let mut read = |i: usize| -> Result<Option<String>> {
        Ok(st
            .query_row([KEYS[i]], |r| r.get::<_, String>(0))
            .optional()?)
    };
    let d = Config::default();
    let int = |v: Option<String>, def: i64| v.and_then(|v| v.parse().ok()).unwrap_or(def);
    Ok(Config {
        franchise_cents: int(read(0)?, d.franchise_cents),
        franchise_tolerance_cents: int(read(1)?, d.franchise_tolerance_cents),
        micro_ceiling_cents: int(read(2)?, d.micro_ceiling_cents),
        reminder_days: [
            int(read(3)?, d.reminder_days[0]),
            int(read(4)?, d.reminder_days[1]),
            int(read(5)?, d.reminder_days[2]),
        ],
        notice_days: int(read(6)?, d.notice_days),
        urssaf_rhythm: read(7)?
            .as_deref()
            .and_then(UrssafRhythm::parse)
            .unwrap_or(d.urssaf_rhythm),
        urssaf_activity: read(8)?
            .as_deref()
            .and_then(UrssafActivity::parse)
            .unwrap_or(d.urssaf_activity),
        contribution_bps: int(read(9)?, d.contribution_bps),
        cfp_bps: int(read(10)?, d.cfp_bps),
        liberatory: read(11)?.as_deref() == Some("1"),
        liberatory_bps: int(read(12)?, d.liberatory_bps),
    })
}

/// The Réglages form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ConfigInput {
    pub franchise: String,
    pub franchise_tolerance: String,
    pub micro_ceiling: String,
    pub reminder_1: String,
    pub reminder_2: String,
    pub reminder_3: String,
    pub notice_days: String,
    pub urssaf_rhythm: String,
    pub urssaf_activity: String,
    pub contribution_rate: String,
    pub cfp_rate: String,
    pub liberatory: bool,
    pub liberatory_rate: String,
}

impl Form for ConfigInput {
    type Parsed = Config;
    fn check(&self, _: &Connection, _: Option<i64>, c: &mut Checker) -> Result<Config> {
        let d = Config::default();
        let money = |c: &mut Checker, f: &str, v: &str| {
            c.number(
                f,
                v,
                Need::Required,
                Quantity::Amount,
                100_000..=100_000_000,
            )
        };
        let franchise = money(c, "franchise", &self.franchise);
        let tolerance = money(c, "franchise_tolerance", &self.franchise_tolerance);
        let ceiling = money(c, "micro_ceiling", &self.micro_ceiling);
        if let (Some(f), Some(t)) = (franchise, tolerance) {
            if t < f {
                c.push(
                    "franchise_tolerance",
                    "tolerance_below_threshold",
                    "the tolerance is at least the threshold",
                );
            }
        }
        let day = |c: &mut Checker, f: &str, v: &str| {
            c.number(f, v, Need::Required, Quantity::Days, 1..=365)
        };
        let r1 = day(c, "reminder_1", &self.reminder_1);
        let r2 = day(c, "reminder_2", &self.reminder_2);
        let r3 = day(c, "reminder_3", &self.reminder_3);
        if let (Some(a), Some(b)) = (r1, r2) {
            if b <= a {
                c.push(
                    "reminder_2",
                    "reminder_days_order",
                    "each reminder comes after the one before",
                );
            }
        }
        if let (Some(b), Some(n)) = (r2, r3) {
            if n <= b {
                c.push(
                    "reminder_3",
                    "reminder_days_order",
                    "each reminder comes after the one before",
                );
            }
        }
        let notice = c.number(
            "notice_days",
            &self.notice_days,
            Need::Required,
            Quantity::Days,
            1..=60,
        );
        let rhythm = c.choice::<UrssafRhythm>("urssaf_rhythm", &self.urssaf_rhythm, Need::Required);
        let activity =
            c.choice::<UrssafActivity>("urssaf_activity", &self.urssaf_activity, Need::Required);
        let rate = |c: &mut Checker, f: &str, v: &str, max: i64| {
            c.number(f, v, Need::Required, Quantity::Percent, 0..=max)
        };
        let contribution = rate(c, "contribution_rate", &self.contribution_rate, 5000);
        let cfp = rate(c, "cfp_rate", &self.cfp_rate, 500);
        let liberatory_bps = rate(c, "liberatory_rate", &self.liberatory_rate, 1000);
        Ok(Config {
            franchise_cents: franchise.unwrap_or(d.franchise_cents),
            franchise_tolerance_cents: tolerance.unwrap_or(d.franchise_tolerance_cents),
            micro_ceiling_cents: ceiling.unwrap_or(d.micro_ceiling_cents),
            reminder_days: [
                r1.unwrap_or(d.reminder_days[0]),
                r2.unwrap_or(d.reminder_days[1]),
                r3.unwrap_or(d.reminder_days[2]),
            ],
            notice_days: notice.unwrap_or(d.notice_days),
            urssaf_rhythm: rhythm.unwrap_or(d.urssaf_rhythm),
            urssaf_activity: activity.unwrap_or(d.urssaf_activity),
            contribution_bps: contribution.unwrap_or(d.contribution_bps),
            cfp_bps: cfp.unwrap_or(d.cfp_bps),
            liberatory: self.liberatory,
            liberatory_bps: liberatory_bps.unwrap_or(d.liberatory_bps),
        })
    }
}

/// Checks the form and keeps it whole, or writes nothing.
pub fn set(conn: &Connection, input: &ConfigInput) -> Result<Config> {
    let k = validate::parse(conn, input, None)?;
    let values = [
        k.franchise_cents.to_string(),
        k.franchise_tolerance_cents.to_string(),
        k.micro_ceiling_cents.to_string(),
        k.reminder_days[0].to_string(),
        k.reminder_days[1].to_string(),
        k.reminder_days[2].to_string(),
        k.notice_days.to_string(),
        k.urssaf_rhythm.as_str().to_owned(),
        k.urssaf_activity.as_str().to_owned(),
        k.contribution_bps.to_string(),
        k.cfp_bps.to_string(),
        if k.liberatory { "1" } else { "0" }.to_owned(),
        k.liberatory_bps.to_string(),
    ];
    let mut st = conn.prepare_cached(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?;
    for (key, value) in KEYS.iter().zip(values) {
        st.execute((key, value))?;
    }
    get(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::temp_db;

    fn typed() -> ConfigInput {
        ConfigInput {
            franchise: "37 500".into(),
            franchise_tolerance: "41 250".into(),
            micro_ceiling: "83 600".into(),
            reminder_1: "7".into(),
            reminder_2: "15".into(),
            reminder_3: "30".into(),
            notice_days: "8".into(),
            urssaf_rhythm: "quarterly".into(),
            urssaf_activity: "bic_services".into(),
            contribution_rate: "21,2".into(),
            cfp_rate: "0,2".into(),
            liberatory: true,
            liberatory_rate: "1,7".into(),
        }
    }

    #[test]
    fn defaults_then_what_she_sets() {
        let t = temp_db();
        let db = &t.db;
        assert_eq!(db.read(get).unwrap(), Config::default());
        let k = db.write(|c| set(c, &typed())).unwrap();
        assert_eq!(k.urssaf_rhythm, UrssafRhythm::Quarterly);
        assert_eq!(k.contribution_bps, 2120);
        assert_eq!(k.liberatory_bps, 170);
        assert!(k.liberatory);
        assert_eq!(db.read(get).unwrap(), k);
    }

    #[test]
    fn insane_values_are_refused_and_nothing_is_written() {
        let t = temp_db();
        let db = &t.db;
        let bad = ConfigInput {
            franchise: "12".into(),
            franchise_tolerance: "30 000".into(),
            micro_ceiling: "-5".into(),
            reminder_1: "20".into(),
            reminder_2: "10".into(),
            reminder_3: "400".into(),
            notice_days: "0".into(),
            contribution_rate: "80".into(),
            ..typed()
        };
        let err = db.write(|c| set(c, &bad)).unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| (e.field.clone(), e.code))
            .collect();
        for (f, code) in [
            ("franchise", "out_of_range"),
            ("micro_ceiling", "out_of_range"),
            ("reminder_2", "reminder_days_order"),
            ("reminder_3", "out_of_range"),
            ("notice_days", "out_of_range"),
            ("contribution_rate", "out_of_range"),
        ] {
            assert!(fields.contains(&(f.to_owned(), code)), "{f}: {fields:?}");
        }
        assert_eq!(db.read(get).unwrap(), Config::default());
        let low = ConfigInput {
            franchise_tolerance: "30 000".into(),
            ..typed()
        };
        let err = db.write(|c| set(c, &low)).unwrap_err();
        assert_eq!(err.field_errors()[0].code, "tolerance_below_threshold");
    }
}
