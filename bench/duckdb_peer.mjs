// The DuckDB peer of `apos fleet` (issue 14): loads a generated fleet CSV into DuckDB and answers
// the renewal questions in SQL (ADP 90 days, extension and upgrade window, life cap, open box, KYD,
// sealed battery window, post-warranty window, school year, lapsed, 30/60/90-day buckets), then
// prints one JSON line with its timings and the units per bucket.
//
//   node bench/duckdb_peer.mjs --csv FILE --node-modules DIR [--as-of 2026-11-26] [--threads N]
//                              [--catalog DIR]
//
// --node-modules is the folder npm installed @duckdb/node-api into (bench/run.sh uses
// build/bench-run/duckdb-peer/node_modules). The numbers come from catalog/*.json: a table of
// machine types, a table of prices, and from them a plan per machine type (which terms of which
// kind can sell), built in SQL; per unit the statement computes the dates and compares them with
// that plan, as `apos fleet` does. It reads and checks every row (bad dates, unknown machine
// types, repeated serials are counted as rows with errors). It does not price the units: the
// summary's value is ours alone.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const HERE = path.dirname(new URL(import.meta.url).pathname);

function parseArgs(argv) {
    const args = { asOf: "2026-11-26", threads: 1, catalog: path.join(HERE, "..", "catalog") };
    for (let i = 0; i < argv.length; i += 2) {
        const [flag, value] = [argv[i], argv[i + 1]];
        if (value === undefined) throw new Error(`${flag} needs a value`);
        if (flag === "--csv") args.csv = path.resolve(value);
        else if (flag === "--as-of") args.asOf = value;
        else if (flag === "--threads") args.threads = Number(value);
        else if (flag === "--catalog") args.catalog = path.resolve(value);
        else if (flag === "--node-modules") args.nodeModules = path.resolve(value);
        else throw new Error(`unknown option ${flag}`);
    }
    if (!args.csv || !args.nodeModules) throw new Error("needs --csv FILE and --node-modules DIR");
    if (!Number.isInteger(args.threads) || args.threads < 1) throw new Error("--threads must be 1 or more");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(args.asOf)) throw new Error("--as-of must be YYYY-MM-DD");
    return args;
}

// Service levels from the least to the most service, as the core orders them (BW-NO-DOWNGRADE).
const LEVELS = [
    "mail-in",
    "carry-in",
    "depot",
    "expedited-depot",
    "onsite-2nd-day",
    "onsite-nbd",
    "onsite-8h-247",
    "onsite-4h-95",
    "onsite-4h-247",
];
const RENEWAL_KINDS = ["extension", "upgrade", "adp", "kyd", "sbty", "post-warranty", "school-year"];
const KNOWN_SERVICES = [
    "extension",
    "upgrade",
    "adp",
    "kyd",
    "sbty",
    "iwu",
    "premier",
    "ticru",
    "post-warranty",
    "reinstatement",
    "school-year",
    "deployment",
    "recovery",
    "support",
    "battery",
];

const sqlText = (s) => (s === null || s === undefined ? "NULL" : `'${String(s).replaceAll("'", "''")}'`);
const sqlBool = (b) => (b ? "true" : "false");
const sqlInt = (n) => {
    if (!Number.isInteger(n)) throw new Error(`expected a whole number, found ${n}`);
    return String(n);
};

// The catalog as two tables: machine types and the renewal offerings' prices per class and term.
function catalogTables(dir) {
    const types = JSON.parse(readFileSync(path.join(dir, "machine_types.json"), "utf8")).machine_types;
    const offerings = JSON.parse(readFileSync(path.join(dir, "offerings.json"), "utf8")).offerings;
    const typeRows = types.map((t) =>
        [
            sqlText(t.mt.toUpperCase()),
            sqlText(t.series),
            sqlText(t.category),
            sqlText(t.brand),
            sqlText(t.price_class),
            sqlInt(t.base_years),
            sqlInt(LEVELS.indexOf(t.base_level)),
            sqlBool(t.sealed_battery),
            sqlBool(t.soldered_drive),
            sqlBool(t.education),
            sqlBool(t.onsite_4h_95),
            sqlBool(t.onsite_4h_247),
            sqlBool(t.advanced_exchange),
        ].join(", "),
    );
    const priceRows = [];
    for (const o of offerings) {
        if (!RENEWAL_KINDS.includes(o.kind)) continue;
        const level = o.level === undefined ? "NULL" : sqlInt(LEVELS.indexOf(o.level));
        for (const [priceClass, byTerm] of Object.entries(o.prices ?? {}))
            for (const [term, price] of Object.entries(byTerm))
                if (o.terms.includes(Number(term)))
                    priceRows.push(
                        [
                            sqlText(o.id),
                            sqlText(o.kind),
                            level,
                            sqlText(o.feature ?? null),
                            sqlText(priceClass),
                            sqlInt(Number(term)),
                            sqlInt(price),
                        ].join(", "),
                    );
    }
    // BW-COUNTRY: a machine type's base warranty can be longer or shorter in some countries.
    const countryRows = types.flatMap((t) =>
        (t.base_years_by_country ?? []).flatMap((rule) =>
            rule.countries.map((country) =>
                [sqlText(t.mt.toUpperCase()), sqlText(country), sqlInt(rule.base_years)].join(", "),
            ),
        ),
    );
    return [
        `CREATE TABLE base_by_country (mt VARCHAR, country VARCHAR, base_years INTEGER)`,
        ...(countryRows.length ? [`INSERT INTO base_by_country VALUES (${countryRows.join("), (")})`] : []),
        `CREATE TABLE machine_types (mt VARCHAR, series VARCHAR, category VARCHAR, brand VARCHAR,
            price_class VARCHAR, base_years INTEGER, base_level INTEGER, sealed_battery BOOLEAN,
            soldered_drive BOOLEAN, education BOOLEAN, onsite_4h_95 BOOLEAN, onsite_4h_247 BOOLEAN,
            advanced_exchange BOOLEAN)`,
        `INSERT INTO machine_types VALUES (${typeRows.join("), (")})`,
        `CREATE TABLE prices (offering VARCHAR, kind VARCHAR, level INTEGER, feature VARCHAR,
            price_class VARCHAR, term INTEGER, price BIGINT)`,
        `INSERT INTO prices VALUES (${priceRows.join("), (")})`,
    ];
}

// Date helpers with the core's calendar: a year later keeps month and day, and 29 February
// becomes 1 March when the later year has none; a term of Y years ends the day before.
const MACROS = [
    `CREATE MACRO leap(y) AS (y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0))`,
    `CREATE MACRO plus_years(d, y) AS CASE WHEN month(d) = 2 AND day(d) = 29 AND NOT leap(year(d) + y)
        THEN make_date(year(d) + y, 3, 1) ELSE make_date(year(d) + y, month(d), day(d)) END`,
    `CREATE MACRO term_end(d, y) AS plus_years(d, y) - 1`,
    // Strict YYYY-MM-DD, as the core's reader: anything else is not a date.
    `CREATE MACRO iso_date(s) AS CASE WHEN length(s) = 10 AND s[5] = '-' AND s[8] = '-' THEN try_cast(s AS DATE) END`,
];

// What depends on the machine type alone, once per type: the life cap (CAP-MAX-YEARS), which
// terms of each kind have a price and a level the type may take (BW-NO-DOWNGRADE, UPG-2ND-DAY,
// UPG-4H-95, UPG-4H-247, UPG-ADV-EXCHANGE) and which products a service is for (ADP-PRODUCTS,
// KYD-PRODUCTS, KYD-SOLDERED, SBTY-PRODUCTS, SBTY-TERMS, SYW).
function planSql(policy) {
    const caps = policy.max_years;
    const sbtyNotebook = sqlInt(policy.sbty_max_years_notebook);
    const sbtyTablet = sqlInt(policy.sbty_max_years_tablet);
    const secondDay = LEVELS.indexOf("onsite-2nd-day");
    const fourHour95 = LEVELS.indexOf("onsite-4h-95");
    const fourHour247 = LEVELS.indexOf("onsite-4h-247");
    return `CREATE TABLE plan AS
    WITH typed AS (
        SELECT *,
            CASE WHEN brand = 'think' THEN (CASE WHEN series LIKE 'ThinkPad E%' THEN ${sqlInt(caps.think_e)}
                 ELSE ${sqlInt(caps.think)} END) ELSE ${sqlInt(caps.idea_lenovo)} END AS cap_years,
            brand = 'think' AND category IN ('notebook', 'tablet', 'desktop', 'all-in-one', 'tiny', 'monitor')
                AS adp_product,
            ((series LIKE 'ThinkPad%' AND category = 'notebook')
                OR ((series LIKE 'ThinkCentre%' OR series LIKE 'ThinkStation%') AND category <> 'monitor'))
                AND NOT soldered_drive AS kyd_product,
            (series LIKE 'ThinkPad%' AND category = 'notebook' AND sealed_battery)
                OR (series LIKE 'ThinkPad%' AND category = 'tablet') AS sbty_product,
            CASE WHEN series LIKE 'ThinkPad%' AND category = 'tablet' THEN ${sbtyTablet} ELSE ${sbtyNotebook} END
                AS sbty_max
        FROM machine_types),
    sellable AS (
        SELECT t.mt, p.kind, p.term, p.level < 0 AND p.kind = 'school-year' AS adp_option
        FROM typed t JOIN (SELECT * REPLACE (coalesce(level, -1) AS level, coalesce(feature, '') AS feature)
                           FROM prices) p ON p.price_class = t.price_class
        WHERE (p.level < 0 OR (CASE WHEN p.kind = 'upgrade' THEN p.level > t.base_level
                                    ELSE p.level >= t.base_level END))
          AND NOT (p.level = ${secondDay} AND t.brand <> 'idea')
          AND NOT (t.brand = 'idea' AND p.level > ${secondDay})
          AND NOT (p.level = ${fourHour95} AND NOT (t.category = 'workstation' AND t.onsite_4h_95))
          AND NOT (p.level = ${fourHour247} AND NOT (t.category = 'workstation' AND t.onsite_4h_247))
          AND NOT (p.feature = 'advanced-exchange' AND NOT t.advanced_exchange)
          AND (p.kind <> 'adp' OR t.adp_product)
          AND (p.kind <> 'kyd' OR t.kyd_product)
          AND (p.kind <> 'sbty' OR (t.sbty_product AND p.term <= t.sbty_max))
          AND (p.kind <> 'school-year' OR t.education))
    SELECT t.mt, t.base_years, t.cap_years,
        max(s.term) FILTER (WHERE s.kind = 'extension' AND s.term <= t.cap_years) AS ext_longest,
        coalesce(list(DISTINCT s.term) FILTER (WHERE s.kind = 'upgrade'), []) AS upg_terms,
        coalesce(list(DISTINCT s.term) FILTER (WHERE s.kind = 'adp'), []) AS adp_terms,
        coalesce(list(DISTINCT s.term) FILTER (WHERE s.kind = 'kyd'), []) AS kyd_terms,
        min(s.term) FILTER (WHERE s.kind = 'sbty') AS sbty_shortest,
        min(s.term) FILTER (WHERE s.kind = 'post-warranty' AND s.term BETWEEN 1 AND ${sqlInt(policy.pw_max_years)})
            AS pw_shortest,
        coalesce(bool_or(s.kind = 'school-year' AND NOT s.adp_option), false) AS syw_level,
        coalesce(bool_or(s.kind = 'school-year' AND s.adp_option), false) AS syw_adp
    FROM typed t LEFT JOIN sellable s ON s.mt = t.mt
    GROUP BY ALL`;
}

// The fleet statement: check each row as the core's reader does, resolve its machine type,
// compute its dates and windows, pick its bucket, and count.
function fleetSql(policy, asOf) {
    const [syMonth, syDay] = policy.school_year_end.split("-").map(Number);
    if (syMonth === 2 && syDay === 29) throw new Error("a school year ending on 29 February is not handled here");
    // A services cell: kinds the core knows, separated by ';', blanks allowed around and between.
    const kind = `\\s*(${KNOWN_SERVICES.join("|")})?\\s*`;
    const servicesPattern = `${kind}(;${kind})*`;
    const day = `DATE ${sqlText(asOf)}`;
    return `
    WITH cells AS (
        SELECT rowid AS line, nullif(trim(serial), '') AS serial, coalesce(trim(mtm), '') AS mtm,
            coalesce(trim(ship_date), '') AS ship_text, nullif(trim(purchase_date), '') AS purchase_text,
            nullif(trim(coverage_end), '') AS coverage_text, lower(nullif(trim(channel), '')) AS channel,
            lower(nullif(trim(condition), '')) AS condition, nullif(trim(country), '') AS country,
            nullif(trim(quantity), '') AS quantity_text, nullif(trim(services), '') AS services_text
        FROM fleet),
    parsed AS (
        SELECT *, iso_date(ship_text) AS ship, iso_date(purchase_text) AS purchase,
            iso_date(coverage_text) AS coverage_given,
            lower(services_text) AS services
        FROM cells),
    readable AS (
        SELECT * FROM parsed
        WHERE length(mtm) BETWEEN 4 AND 10 AND ship IS NOT NULL
          AND (purchase_text IS NULL OR purchase IS NOT NULL)
          AND (coverage_text IS NULL OR coverage_given IS NOT NULL)
          AND (channel IS NULL OR channel IN ('direct', 'distributor'))
          AND (condition IS NULL OR condition IN ('new', 'open-box', 'refurbished'))
          AND (country IS NULL OR regexp_full_match(country, '[A-Z]{2}'))
          AND (quantity_text IS NULL OR (regexp_full_match(quantity_text, '\\d{1,7}')
               AND CAST(quantity_text AS INTEGER) BETWEEN 1 AND 1000000))
          AND (services IS NULL OR regexp_full_match(services, '${servicesPattern}'))),
    claimed AS (
        -- A serial belongs to the first readable row that carries it; a later one is an error.
        SELECT * FROM readable
        QUALIFY serial IS NULL OR row_number() OVER (PARTITION BY serial ORDER BY line) = 1),
    resolved AS (
        SELECT c.*, p.* REPLACE (coalesce(b.base_years, p.base_years) AS base_years),
            coalesce(c.purchase, c.ship + 1) AS base_start,
            coalesce(c.condition, 'new') = 'new' AS is_new,
            coalesce(regexp_matches(c.services, '(^|;)\\s*adp\\s*(;|$)'), false) AS holds_adp
        FROM claimed c JOIN plan p ON p.mt = upper(substr(c.mtm, 1, 4))
            LEFT JOIN base_by_country b ON b.mt = p.mt AND b.country = c.country
        WHERE regexp_full_match(c.mtm, '[ -~]+') AND (c.purchase IS NULL OR c.purchase >= c.ship)),
    dated AS (
        SELECT *,
            term_end(base_start, base_years)
                + CASE WHEN channel = 'distributor' AND purchase IS NULL THEN ${sqlInt(policy.distributor_buffer_days)}
                       ELSE 0 END AS base_end,
            term_end(base_start, cap_years) AS cap_end
        FROM resolved),
    covered AS (
        SELECT *, greatest(base_end, coalesce(coverage_given, base_end)) AS coverage_end FROM dated),
    counted AS (
        SELECT *,
            greatest(base_years, CASE WHEN term_end(base_start, year(coverage_end) - year(base_start)) <= coverage_end
                THEN year(coverage_end) - year(base_start) ELSE year(coverage_end) - year(base_start) - 1 END)
                AS covered_years,
            CASE WHEN make_date(year(coverage_end), ${syMonth}, ${syDay}) > coverage_end
                THEN make_date(year(coverage_end), ${syMonth}, ${syDay})
                ELSE make_date(year(coverage_end) + 1, ${syMonth}, ${syDay}) END AS school_year_end
        FROM covered),
    windows AS (
        SELECT line,
            -- EXT-WINDOW, EXT-FROM-BASE-START, CAP-MAX-YEARS, GEN-OPEN-BOX
            CASE WHEN is_new AND ${day} <= base_end AND ext_longest > covered_years THEN base_end END AS ext_until,
            -- UPG-WINDOW, TERM-MATCH, CAP-MAX-YEARS, GEN-OPEN-BOX
            CASE WHEN is_new AND ${day} <= base_end AND covered_years <= cap_years
                 AND list_contains(upg_terms, covered_years) THEN base_end END AS upg_until,
            -- ADP-90D, ADP-PRODUCTS, TERM-MATCH, CAP-MAX-YEARS, GEN-OPEN-BOX
            CASE WHEN is_new AND ${day} <= base_start + ${sqlInt(policy.adp_purchase_days)}
                 AND covered_years <= cap_years AND list_contains(adp_terms, covered_years)
                 THEN base_start + ${sqlInt(policy.adp_purchase_days)} END AS adp_until,
            -- KYD-AT-PURCHASE, KYD-PRODUCTS, KYD-SOLDERED, TERM-MATCH, CAP-MAX-YEARS, GEN-OPEN-BOX
            CASE WHEN is_new AND ${day} <= base_end AND covered_years <= cap_years
                 AND list_contains(kyd_terms, covered_years) THEN base_end END AS kyd_until,
            -- SBTY-WINDOW, SBTY-PRODUCTS, SBTY-TERMS, SBTY-TERM-EXCEPTION, GEN-OPEN-BOX
            CASE WHEN is_new AND ${day} <= term_end(base_start, ${sqlInt(policy.sbty_window_years)})
                 AND sbty_shortest <= least(covered_years, cap_years)
                 THEN term_end(base_start, ${sqlInt(policy.sbty_window_years)}) END AS sbty_until,
            -- PW-WINDOW, PW-TERM-BY-AGE
            CASE WHEN ${day} BETWEEN coverage_end - ${sqlInt(policy.pw_opens_days_before_end)}
                                 AND coverage_end + ${sqlInt(policy.pw_closes_days_after_end)}
                 AND term_end(coverage_end + 1, pw_shortest) <= cap_end
                 THEN coverage_end + ${sqlInt(policy.pw_closes_days_after_end)} END AS pw_until,
            -- SYW, CAP-MAX-YEARS, GEN-OPEN-BOX
            CASE WHEN is_new AND ${day} <= coverage_end AND school_year_end <= cap_end
                 AND (syw_level OR (syw_adp AND holds_adp)) THEN coverage_end END AS syw_until,
            ${day} > coverage_end + ${sqlInt(policy.pw_closes_days_after_end)} AS lapsed
        FROM counted),
    bucketed AS (
        SELECT least(ext_until, upg_until, adp_until, kyd_until, sbty_until, pw_until, syw_until) - ${day}
                AS days_left, lapsed
        FROM windows)
    SELECT (SELECT count(*) FROM fleet) AS rows,
        count(*) AS units,
        count(*) FILTER (WHERE days_left <= 30) AS "closing-0-30",
        count(*) FILTER (WHERE days_left BETWEEN 31 AND 60) AS "closing-31-60",
        count(*) FILTER (WHERE days_left BETWEEN 61 AND 90) AS "closing-61-90",
        count(*) FILTER (WHERE days_left > 90) AS "open-later",
        count(*) FILTER (WHERE days_left IS NULL AND lapsed) AS "lapsed",
        count(*) FILTER (WHERE days_left IS NULL AND NOT lapsed) AS "nothing-to-sell"
    FROM bucketed`;
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    const started = performance.now();
    const require = createRequire(path.join(args.nodeModules, "index.js"));
    const api = await import(pathToFileURL(require.resolve("@duckdb/node-api")).href);
    const policy = JSON.parse(readFileSync(path.join(args.catalog, "policy.json"), "utf8"));

    const instance = await api.DuckDBInstance.create(":memory:", { threads: String(args.threads) });
    const db = await instance.connect();
    await db.run(`SET threads = ${sqlInt(args.threads)}`);
    const ready = performance.now();
    const cpuReady = process.cpuUsage();

    // Timed from here: the catalog tables and plan, the load of the CSV, the statement.
    for (const sql of [...MACROS, ...catalogTables(args.catalog), planSql(policy)]) await db.run(sql);
    const catalogDone = performance.now();
    const cpuCatalog = process.cpuUsage();
    await db.run(`CREATE TABLE fleet AS SELECT * FROM read_csv(${sqlText(args.csv)}, header = true,
        all_varchar = true, quote = '"', escape = '"', delim = ',', null_padding = true)`);
    const loaded = performance.now();
    const cpuLoaded = process.cpuUsage();
    const reader = await db.runAndReadAll(fleetSql(policy, args.asOf));
    const row = reader.getRowObjectsJson()[0];
    const done = performance.now();
    const cpuDone = process.cpuUsage();

    const count = (v) => Number(v);
    const buckets = {};
    for (const name of ["closing-0-30", "closing-31-60", "closing-61-90", "open-later", "lapsed", "nothing-to-sell"])
        buckets[name] = count(row[name]);
    const ms = (a, b) => Math.round((b - a) * 10) / 10;
    const zero = { user: 0, system: 0 };
    const cpu = (a, b) => Math.round((b.user + b.system - a.user - a.system) / 100) / 10;
    const version = (await db.runAndReadAll("SELECT version() AS v")).getRowObjectsJson()[0].v;
    console.log(
        JSON.stringify({
            peer: "duckdb",
            duckdb: version,
            threads: args.threads,
            csv: args.csv,
            as_of: args.asOf,
            rows: count(row.rows),
            units: count(row.units),
            rows_with_errors: count(row.rows) - count(row.units),
            buckets,
            startup_ms: ms(started, ready),
            catalog_ms: ms(ready, catalogDone),
            load_ms: ms(catalogDone, loaded),
            query_ms: ms(loaded, done),
            wall_ms: ms(ready, done),
            // CPU time of the whole process (every DuckDB thread) in each step: on a busy
            // machine wall time grows with the load, CPU time much less.
            cpu_ms: {
                startup: cpu(zero, cpuReady),
                catalog: cpu(cpuReady, cpuCatalog),
                load: cpu(cpuCatalog, cpuLoaded),
                query: cpu(cpuLoaded, cpuDone),
            },
        }),
    );
    db.closeSync?.();
}

main().catch((error) => {
    console.error(`duckdb_peer: ${error.message}`);
    process.exit(1);
});
