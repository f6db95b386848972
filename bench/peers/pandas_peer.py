#!/usr/bin/python3
"""pandas_peer.py: the pandas peer of bench/run. What an analyst would write
in Python instead of C: the three exports into pandas, the key figures and
the Kommunen table of ikz-report with the job's definitions
(docs/definitions.md), a three-sheet workbook with XlsxWriter and two CSVs.

    /usr/bin/python3 bench/peers/pandas_peer.py INPUT_DIR OUTPUT_DIR [STICHTAG [OZG_SEIT]]

Debian's python3-pandas (1.5) and python3-xlsxwriter. OUTPUT_DIR gets
kennzahlen.csv and kommunen.csv (as the DuckDB peer's, for
bench/peers/agree) and bericht.xlsx (Kennzahlen, Kommunen, Kreise). Like
the job on a clean export: every Land, no territorial changes."""
import sys

import numpy as np
import pandas as pd

KREIS_ARTEN = {"Landkreis", "Kreis", "Regionalverband"}


def dates(s):
    german = pd.to_datetime(s, format="%d.%m.%Y", errors="coerce")
    return german.fillna(pd.to_datetime(s, format="%Y-%m-%d", errors="coerce"))


def cents(s):
    """Exact amounts in cents: 86.000,50 (German) or 86000.50."""
    s = s.fillna("")
    german = s.str.contains(",", regex=False)
    s = s.where(~german, s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    whole = s.str.split(".", n=1).str[0]
    frac = s.str.split(".", n=1).str[1].fillna("").str.ljust(2, "0").str[:2]
    value = pd.to_numeric(whole, errors="coerce") * 100 + pd.to_numeric(frac.replace("", "0"), errors="coerce")
    return value.where(s != "").astype("Int64")


def main(input_dir, output_dir, stichtag="2024-12-31", ozg_seit="2021-01-01"):
    S, ozg_start = pd.Timestamp(stichtag), pd.Timestamp(ozg_seit)
    read = dict(sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    kom = pd.read_csv(f"{input_dir}/kommunen.csv", **read)
    pro = pd.read_csv(f"{input_dir}/projekte.csv", **read)
    bet = pd.read_csv(f"{input_dir}/beteiligungen.csv", **read)

    kom["is_kreis"] = kom["art"].isin(KREIS_ARTEN)
    kom["einwohner"] = pd.to_numeric(kom["einwohner"].replace("", np.nan))
    bew, wid = dates(pro["bewilligt_am"]), dates(pro["widerrufen_am"].replace("", np.nan))
    pa = pro[(bew <= S) & (wid.isna() | (wid > S))].copy()
    pa["bew"] = bew[pa.index]
    pa["ozg"] = (pa["aufgabenbereich"] == "OZG") & (pa["bew"] >= ozg_start)
    for col, name in (("foerderbetrag_eur", "foerder"), ("ausgangskosten_eur_jahr", "kosten"),
                      ("einsparung_eur_jahr", "einsparung")):
        pa[name] = cents(pa[col])

    bp = bet.merge(pa[["projekt_id", "ozg"]], on="projekt_id").merge(kom[["ags"]], on="ags")
    bp["lead"] = bp["rolle"].str.lower().isin({"federfuehrend", "federführend"})
    bp = bp.groupby(["projekt_id", "ags"], as_index=False).agg(lead=("lead", "any"), ozg=("ozg", "first"))

    per = bp.groupby("ags").agg(c=("projekt_id", "size"), lead=("lead", "sum"), ozg=("ozg", "sum"))
    ck = kom.set_index("ags").join(per).fillna({"c": 0, "lead": 0, "ozg": 0})
    for col in ("c", "lead", "ozg"):
        ck[col] = ck[col].astype(int)
    n_p = pa[["projekt_id"]].merge(bp.groupby("projekt_id").size().rename("n").reset_index(),
                                   on="projekt_id", how="left")["n"].fillna(0)
    m = pa[pa["kosten"].notna() & pa["einsparung"].notna()]
    c = ck["c"]
    gem = ck[~ck["is_kreis"]]
    rx, ry = gem["einwohner"].rank(method="average"), gem["c"].rank(method="average")
    figures = [
        ("kommunen_gesamt", len(ck)),
        ("gemeinden_gesamt", int((~ck["is_kreis"]).sum())),
        ("kreise_gesamt", int(ck["is_kreis"].sum())),
        ("projekte_gefoerdert", len(pa)),
        ("beteiligungen", len(bp)),
        ("kommunen_beteiligt", int((c > 0).sum())),
        ("gemeinden_beteiligt", int(((c > 0) & ~ck["is_kreis"]).sum())),
        ("kreise_beteiligt", int(((c > 0) & ck["is_kreis"]).sum())),
        ("anteil_kommunen_beteiligt_prozent", 100.0 * (c > 0).sum() / len(ck)),
        ("projekte_je_kommune_mittelwert", c.mean()),
        ("projekte_je_kommune_median", c.median()),
        ("projekte_je_kommune_stdabw", c.std(ddof=1)),
        ("projekte_je_kommune_q1", c.quantile(0.25, interpolation="linear")),
        ("projekte_je_kommune_q3", c.quantile(0.75, interpolation="linear")),
        ("projekte_je_kommune_max", c.max()),
        ("beteiligte_je_projekt_mittelwert", n_p.mean()),
        ("beteiligte_je_projekt_median", n_p.median()),
        ("beteiligte_je_projekt_stdabw", n_p.std(ddof=1)),
        ("beteiligte_je_projekt_min", n_p.min()),
        ("beteiligte_je_projekt_max", n_p.max()),
        ("ozg_kooperationen", int(pa["ozg"].sum())),
        ("ozg_gemeinden", int(((ck["ozg"] > 0) & ~ck["is_kreis"]).sum())),
        ("ozg_kommunen", int((ck["ozg"] > 0).sum())),
        ("foerdersumme_eur", pa["foerder"].sum() / 100),
        ("projekte_mit_einsparungsangabe", len(m)),
        ("projekte_ohne_einsparungsangabe", len(pa) - len(m)),
        ("ausgangskosten_eur_jahr", m["kosten"].sum() / 100),
        ("einsparung_eur_jahr", m["einsparung"].sum() / 100),
        ("effizienzgewinn_prozent", 100.0 * m["einsparung"].sum() / m["kosten"].sum()),
        ("korrelation_einwohner_projekte_spearman", rx.corr(ry)),
    ]
    kennzahlen = pd.DataFrame(figures, columns=["kennzahl", "wert"])

    # A Landkreis's Einwohner are its Gemeinden's.
    kreis_einwohner = gem.groupby(gem.index.str[:5])["einwohner"].sum()
    ck["einwohner_t"] = ck["einwohner"]
    kreise = ck["is_kreis"]
    ck.loc[kreise, "einwohner_t"] = kreis_einwohner.reindex(ck.index[kreise]).values
    kommunen = pd.DataFrame({"ags": ck.index, "einwohner": ck["einwohner_t"].astype("Int64").values,
                             "projekte": ck["c"].values, "federfuehrend": ck["lead"].values,
                             "ozg_projekte": ck["ozg"].values}).sort_values("ags")
    kreis_tab = ck.assign(kreis=ck.index.str[:5]).groupby("kreis").agg(
        kommunen=("c", "size"), kommunen_beteiligt=("c", lambda s: int((s > 0).sum())), beteiligungen=("c", "sum"))

    kennzahlen.to_csv(f"{output_dir}/kennzahlen.csv", sep=";", index=False)
    kommunen.to_csv(f"{output_dir}/kommunen.csv", sep=";", index=False)
    with pd.ExcelWriter(f"{output_dir}/bericht.xlsx", engine="xlsxwriter") as xlsx:
        kennzahlen.to_excel(xlsx, sheet_name="Kennzahlen", index=False)
        kommunen.to_excel(xlsx, sheet_name="Kommunen", index=False)
        kreis_tab.to_excel(xlsx, sheet_name="Kreise")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print("usage: pandas_peer.py INPUT_DIR OUTPUT_DIR [STICHTAG [OZG_SEIT]]", file=sys.stderr)
        sys.exit(64)
    sys.exit(main(*sys.argv[1:]))
