"""Write benchmarks/labels/places-mt.jsonl from the hand decisions below (see README-places-mt.md).

Each ITEMS row is a decision made by reading the article: the surface form, which file(s) it was read in,
how many occurrences, and the place meant (a gazetteer id, whose GeoNames/supplement point is the gold
point, or a name with coordinates) or None for a negative. Usage: python places-mt-build.py OUT.jsonl [-v]
"""

import hashlib
import json
import re
import sys
from pathlib import Path

from newstrace.bench.pipeline import shared_data
from newstrace.gazetteer import Gazetteer

DATA = (shared_data() or Path("../shared/data")) / "ukraine-war-news-gdelt-multicountry"
CORPUS = "ukraine-war-news-gdelt-multicountry"
gz = Gazetteer.open()
# (surface, file substring or "", max occurrences, gold id or (name, lat, lon) or None for a negative, note)
G = "geonames:"
ITEMS = [
    # Polish exonyms and half-transliterations (MT left them as they were)
    ("Pokrowsk", "", 3, G + "704422", "Polish Pokrowsk = Pokrovsk; clinic in Donbas"),
    ("Cherson", "", 3, G + "706448", "Polish Cherson = Kherson city"),
    ("Chersonia", "", 1, "newstrace:ua-kherson-oblast", "'regions of Kharkov and Chersonia' = Kherson region"),
    ("Kersoń", "", 1, G + "706448", "Kherson (half-transliterated Polish Chersoń)"),
    ("Kersonie", "", 1, G + "706448", "Polish locative 'w Chersoniu/Kersonie' = Kherson station"),
    ("Iziumu", "", 1, G + "707292", "Polish genitive of Izium ('from Kiev to Iziumu')"),
    ("Kharkovsk", "", 1, G + "706483", "'in Kharkovsk' = Kharkiv (list of cities)"),
    ("Kharkhiv", "", 1, "newstrace:ua-kharkiv-oblast", "'retake territory on Kharkhiv and Kherson' = Kharkiv region"),
    ("Krasnohoriwka", "", 1, G + "704393", "village of Krasnohoriwka, Donbas = Krasnohorivka (Donetsk)"),
    ("Awdijwka", "", 1, G + "713122", "Avdiivka (Polish Awdijiwka, misspelt)"),
    ("Awdijiwka", "", 1, G + "713122", "Polish Awdijiwka = Avdiivka"),
    ("Swatów", "", 1, G + "692118", "'wounded ... in Swatów's fire' = Svatove (Polish Swatowe, mangled)"),
    ("Starokonstinów", "", 1, G + "692818", "airport in the City of Starokonstinów = Starokostiantyniv"),
    ("Chmielnica", "", 1, "newstrace:ua-khmelnytskyi-oblast", "'the Chmielnica region' = Khmelnytskyi oblast"),
    (
        "Chmielnicki",
        "",
        1,
        "newstrace:ua-khmelnytskyi-oblast",
        "'circuits, including ... Chmielnicki' = obwod chmielnicki",
    ),
    ("Poltawski", "", 1, "newstrace:ua-poltava-oblast", "obwod poltawski = Poltava oblast"),
    ("Mikołajowski", "", 1, "newstrace:ua-mykolaiv-oblast", "obwod mikolajowski = Mykolaiv oblast"),
    ("Winnicki", "", 1, "newstrace:ua-vinnytsia-oblast", "'the Winnicki circuit' = Vinnytsia oblast"),
    ("Oczaków", "", 1, G + "698770", "Polish Oczakow = Ochakiv"),
    ("Mikołajów", "", 2, G + "700569", "Polish Mikolajow = Mykolaiv city"),
    ("Gorłówka", "", 1, G + "707753", "Polish Gorlowka = Horlivka"),
    ("Dżankoj", "", 1, G + "709334", "Polish Dzankoj = Dzhankoi"),
    ("Siewierodoniec", "", 1, G + "691999", "Polish Siewierodonieck (truncated) = Sievierodonetsk"),
    ("Stanica Ługańska", "", 1, G + "692953", "Polish Stanica Luganska = Stanytsia Luhanska"),
    ("Zaporozho", "", 1, G + "687700", "'in Zaporozho there is a hydroelectric power plant' = Zaporizhzhia"),
    ("Kramator", "", 2, G + "704508", "'in Kramator - evacuated' = Kramatorsk (truncated)"),
    ("Krama", "d987eb98a7", 1, G + "704508", "'the Krama agglomeration' = Kramatorsk agglomeration"),
    ("Borodzianka", "", 2, G + "711635", "Polish Borodzianka = Borodianka"),
    ("Bucza", "", 3, G + "711350", "Polish Bucza = Bucha"),
    ("Irish", "4d8461b955", 1, G + "707565", "'in Kiev, Borodzianka, and Irish' = Irpin (Polish Irpien mangled by MT)"),
    (
        "Dnieper",
        "30e34e1037",
        1,
        G + "709930",
        "'The president visited the Dnieper, Mikolajow' = the city Dnipro (Polish Dniepr)",
    ),
    (
        "Zaporian",
        "",
        1,
        ("Zaporizhzhia Nuclear Power Plant", 47.5119, 34.5856),
        "'Zaporian Nuclear Power Plant' = ZNPP",
    ),
    ("Nowefedorowka", "", 1, G + "7039154", "Russian base of Nowefedorowka, western Crimea = Novofedorivka (Saky)"),
    ("time Jar", "", 3, G + "710915", "literal MT of Czasow Jar ('czas' = time) = Chasiv Yar"),
    ("Time Jar", "", 1, G + "710915", "literal MT of Czasow Jar = Chasiv Yar (caption)"),
    ("Bachmut", "", 2, G + "713174", "Polish Bachmut = Bakhmut"),
    (
        "Lugansk",
        "f552be56f2",
        1,
        "newstrace:ua-luhansk-oblast",
        "'representatives of Donetsk and Lugansk' = the LPR / Luhansk region",
    ),
    ("Lugansk", "1fcf49c6be", 1, "newstrace:ua-luhansk-oblast", "'the Lugansk region'"),
    ("Stanica Lugansk", "", 1, G + "692953", "half-Polish Stanica Lugansk = Stanytsia Luhanska"),
    ("Kharkov", "_PL_", 2, G + "706483", "Kharkov = Kharkiv"),
    ("Zaporozhye", "f9494eccea", 1, G + "687700", "'in Cherson and Zaporozhye' = Zaporizhzhia city"),
    (
        "Zaporozhye",
        "a9a9230f4f",
        1,
        "newstrace:ua-zaporizhzhia-oblast",
        "'Crimea, Donbass, Zaporozhye and Cherson belong to her' = the region",
    ),
    ("Kiev", "_PL_", 3, G + "703448", "Kiev = Kyiv"),
    ("Odessa", "_PL_", 2, G + "698740", "Odessa = Odesa"),
    ("Jasionka", "", 2, ("Jasionka (Rzeszow airport), PL", 50.1106, 22.0194), "village by Rzeszow airport"),
    ("Rzeszów", "", 1, G + "759734", "Rzeszow, Poland"),
    ("Sochaczew", "", 2, G + "758682", "Sochaczew, Poland"),
    ("Przemyśl", "", 1, G + "761168", "Przemysl, Poland"),
    ("Danzig", "", 2, G + "3099434", "'Why die for Danzig?' = Gdansk"),
    ("Batum", "_UA_", 1, G + "615532", "Kars, Ardahan, and Batum (1918) = Batumi"),
    ("Mogilev", "_BY_", 1, "newstrace:by-mogilev-region", "'in Mogilev Oblast' = the region"),
    ("Osipovichi", "_BY_", 1, G + "624034", "Osipovichi, Belarus"),
    ("Svetlogorsk", "_BY_", 1, G + "621074", "Svetlogorsk, Gomel oblast, Belarus"),
    ("Logoisk", "_BY_", 1, G + "625972", "Logoisk District = Lahoysk"),
    ("Hostomel", "", 1, G + "708251", "Hostomel"),
    ("Poshtove", "", 1, G + "696999", "near Poshtove, Crimea"),
    ("Pivdennyi", "", 1, G + "687997", "port of Pivdennyi (Yuzhne/Pivdenne)"),
    # negatives: capitalised ordinary words, person names in the shape of Polish place names, MT junk
    ("Happiness", "d995371537", 1, None, "chart title 'Demographic Breakdown of Happiness'"),
    ("happiness", "", 3, None, "ordinary word"),
    ("Heavenly Hundred", "", 2, None, "the Maidan dead, not a place"),
    ("Peace Formula", "", 1, None, "Zelensky's peace plan"),
    ("Slavic", "283eee190d", 1, None, "'Slavic brotherhood'"),
    ("golden", "7ed469b0e0", 1, None, "'golden billion'"),
    ("Liberty", "", 2, None, "Radio Liberty (outlet)"),
    ("Cokow", "", 2, None, "person (Tsokov), Polish -ow spelling"),
    ("Coków", "", 1, None, "person (Tsokov)"),
    ("Kadyrów", "", 2, None, "person (Ramzan Kadyrov)"),
    ("Budanów", "", 1, None, "person (Budanov)"),
    ("Martynów", "", 1, None, "person"),
    ("Daniłow", "", 2, None, "person (Oleksiy Danilov)"),
    ("Frołow", "", 1, None, "person (Frolov)"),
    ("Zacharów", "", 2, None, "person (Zakharova)"),
    ("Wierzynin", "", 2, None, "person (Vershinin)"),
    ("Sadowy", "", 1, None, "person (Lviv mayor Sadovyi)"),
    ("Promoskie", "", 1, None, "MT junk for pro-Moscow"),
    ("Cowiejów", "", 1, None, "MT junk ('In the Cowiejow speech'), not a place"),
    ("Blacksmith", "", 1, None, "person (Kowal) translated literally"),
    ("Squirrel", "", 1, None, "a girl's nickname"),
    ("Transfiguration", "", 1, None, "'Council [cathedral] of the Transfiguration' - a building name word"),
    ("Yellow", "", 1, None, "'Yellow ribbons'"),
    ("Heaven", "d987eb98a7", 1, None, "'Heaven is not rhetoric' (MT of 'niebo' = sky)"),
]


def span_id(path: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{CORPUS}/{path}:{start}-{end}".encode()).hexdigest()[:12]


files = sorted(p for p in (DATA / "articles").glob("*.txt") if any(t in p.name for t in ("_PL_", "_UA_", "_BY_")))
out = []
for surface, filt, maxn, gold, note in ITEMS:
    pat = (
        re.compile(r"(?<![^\W\d_])" + re.escape(surface) + r"(?![^\W\d_])")
        if surface not in ("Mikołajowski",)
        else re.compile(re.escape(surface))
    )
    n = 0
    for p in files:
        if filt and filt not in p.name:
            continue
        text = p.read_text(encoding="utf-8")
        for m in pat.finditer(text):
            if n >= maxn:
                break
            rel = f"articles/{p.name}"
            item = {
                "id": span_id(rel, m.start(), m.end()),
                "corpus": CORPUS,
                "path": rel,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "start": m.start(),
                "end": m.end(),
                "text": surface,
                "place": gold is not None,
                "note": note,
            }
            if isinstance(gold, str):
                e = gz.get(gold)
                assert e is not None, gold
                item.update(gold_id=gold, gold_name=e.name, lat=round(e.lat, 4), lon=round(e.lon, 4))
            elif gold is not None:
                item.update(gold_id=None, gold_name=gold[0], lat=gold[1], lon=gold[2])
            item["split"] = "test" if int(item["id"][:8], 16) % 10 < 3 else "train"
            out.append(item)
            n += 1
            if "-v" in sys.argv:
                print(
                    f"{surface!r:22} {'+' if gold else '-'} {p.name[:40]} ...{text[max(0, m.start() - 70) : m.end() + 40]!r}"
                )
        if n >= maxn:
            break
    if n == 0:
        print("NOT FOUND", surface, file=sys.stderr)
Path(sys.argv[1]).write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in out), encoding="utf-8")
pos = sum(i["place"] for i in out)
print(
    len(out),
    "items",
    pos,
    "places",
    len(out) - pos,
    "negatives",
    sum(i["split"] == "test" for i in out),
    "test",
    file=sys.stderr,
)
