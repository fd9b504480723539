"""The second draw's entity labels (issue 4, types and boundaries), written by reading each window.

    python benchmarks/labels/entities-labels2.py --append   # appends the records to entities.jsonl (once)
    python benchmarks/labels/entities-labels2.py            # prints them

LABELS below is the annotator's reading of the 30 windows drawn by ``entities-draw2.py`` (spaCy's entities were
printed beside each window as a reminder only): per document, each entity with its gold label and the surface
forms the window uses. The script locates every whole-word, case-sensitive occurrence of the surface forms in the
window, longest first, so "NATO Stratcom Coe" is not also "NATO"; a surface starting with "~" is matched inside a
word too (machine translation glued "inDonbas", "othersCyril's"); EXCLUDE lists occurrences that are no mention.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = "ukraine-war-news-gdelt-multicountry"

P, O, G, L, U, OUT = "PERSON", "ORG", "GPE", "LOC", "UNIT", "OUTLET"  # noqa: E741
US = ("United States", G, ["US", "U.S.", "USA", "United States"])
UK = ("United Kingdom", G, ["UK", "Britain", "Great Britain"])

LABELS: dict[str, list[tuple[str, str, list[str]]]] = {
    "20230712T071500Z_PL_en_9877e2ba35": [
        ("Sergei Lavrov", P, ["Sergei Ławrow", "Lavrov"]), ("Ukraine", G, ["Ukraine"]), ("Kyiv", G, ["Kiev"]),
        ("Russia", G, ["Russia"]), ("Russian Ministry of Foreign Affairs", O, ["Russian Ministry of Foreign Affairs"]),
        ("Volodymyr Zelensky", P, ["Zelanski"]), US, ("European Union", O, ["EU"]), ("Donbas", G, ["~Donbas"]),
    ],
    "20220212T103000Z_PL_en_1b456ae22c": [
        ("Jake Sullivan", P, ["Jake Sullivan", "Sullivan"]), ("United States", G, ["USAs", "US"]),
        ("Ukraine", G, ["Ukraine"]), ("Joe Biden", P, ["Joe Biden"]), ("Poland", G, ["Poland"]),
        ("Kyiv", G, ["Kiev"]), ("Russia", G, ["Russia"]),
    ],
    "20220217T091500Z_PL_en_e2725f06c3": [
        ("Washington", G, ["Washington"]), ("White House", O, ["White House"]), ("Kremlin", O, ["Kremlin"]),
        ("Ukraine", G, ["Ukraine"]), ("Russia", G, ["Russia"]), ("Reuters", OUT, ["Reuters"]),
        ("Gazeta.pl", OUT, ["Gazeta.pl"]), ("Zalewski", P, ["Zalewski"]), ("Moscow", G, ["Moscow"]),
        ("Estonia", G, ["Estonia"]),
    ],
    "20230603T060000Z_US_en_5f64620717": [
        US, ("Lloyd Austin", P, ["Lloyd Austin"]), ("Russia", G, ["Russia"]), ("Ukraine", G, ["Ukraine"]),
        ("Asia", L, ["Asia"]), ("Singapore", G, ["Singapore"]),
    ],
    "20220817T124500Z_PL_en_51d02e9fa5": [
        ("Vladimir Putin", P, ["Putin"]), ("Janis Sarts", P, ["Janis Sarts", "Sarts"]), ("Ukraine", G, ["Ukraine"]),
        ("Kremlin", O, ["Kremlin"]), ("Russia", G, ["Russia"]), ("Onet", OUT, ["Onet"]),
        ("NATO Strategic Communications Centre of Excellence", O, ["NATO Stratcom Coe"]),
    ],
    "20230127T074500Z_PL_en_13a77e44fb": [
        ("Victoria Nuland", P, ["Victoria Nuland", "Nuland"]), ("Senate", O, ["Senate"]),
        ("Rand Paul", P, ["Randa Paul", "Rand Paul"]), US, ("Russia", G, ["Russia"]),
        ("Gazeta.pl", OUT, ["Gazeta.pl"]), ("European Parliament", O, ["European Parliament"]),
        ("Ukraine", G, ["Ukraine"]), ("Antony Blinken", P, ["Blinken"]), ("Ukrainska Pravda", OUT, ["Ukrainian truth"]),
    ],
    "20240422T063000Z_GB_en_8eebcf8efb": [
        ("Iran", G, ["Iran"]), ("Israel", G, ["Israel"]), US, UK, ("France", G, ["France"]),
        ("Jordan", G, ["Jordan"]), ("Kyiv", G, ["Kyiv"]), ("Ukraine", G, ["Ukraine"]), ("Russia", G, ["Russia"]),
    ],
    "20220725T120000Z_US_en_45ebe622e2": [
        ("Moldova", G, ["Moldova"]), ("Ukraine", G, ["Ukraine"]), ("Natalia Gavrilita", P, ["Natalia Gavrilita"]),
        ("Vladimir Putin", P, ["Vladimir Putin"]),
    ],
    "20240422T220000Z_GB_en_0f8bc1811f": [
        ("Rishi Sunak", P, ["Rishi Sunak", "Sunak"]), UK, ("Ukraine", G, ["Ukraine"]),
        ("Vladimir Putin", P, ["Vladimir Putin", "Putin"]), ("Russia", G, ["Russia"]), ("Poland", G, ["Poland"]),
        ("Donald Tusk", P, ["Donald Tusk"]), ("NATO", O, ["Nato"]), ("Jens Stoltenberg", P, ["Jens Stoltenberg"]),
        ("Germany", G, ["Germany"]), ("Olaf Scholz", P, ["Olaf Scholz"]), ("Kyiv", G, ["Kyiv"]),
        ("Europe", L, ["Europe"]),
    ],
    "20220412T111500Z_PL_en_03dfa72ea3": [
        ("Ukraine", G, ["Ukraine"]), ("Onet", OUT, ["Onet"]), ("Xinhua", OUT, ["Xinhua News Agency", "Xinhua News"]),
        ("NATO", O, ["NATO"]), ("Jens Stoltenberg", P, ["Jens Stooltenberg"]), ("China", G, ["China"]),
        ("Russia", G, ["Russia"]), ("Beijing", G, ["Beijing"]), ("Moscow", G, ["Moscow"]),
        ("Zhao Lijian", P, ["Zhao Lijian", "Lijian"]),
    ],
    "20220426T191500Z_UA_en_4c2c7e7a6a": [
        ("Russia", G, ["Russia"]), ("Ukraine", G, ["Ukraine"]), ("Vladimir Putin", P, ["Vladimir Putin", "Putin"]),
        ("European Union", O, ["EU"]), ("Josep Borrell", P, ["Josep Borrell", "Borrell"]),
    ],
    "20220427T170000Z_PL_en_7e62f9c097": [
        ("Alina Kabaeva", P, ["Alina Kabajewa", "Kabajewa"]), ("Vladimir Putin", P, ["Vladimir Putin", "Putin"]),
        US, ("Wall Street Journal", OUT, ["Wall Street Journal"]), ("Treasury Department", O, ["Treasury Department"]),
        ("National Security Council", O, ["National Security Council"]), ("Russia", G, ["Russia"]),
        ("Ukraine", G, ["Ukraine"]), ("Moscow", G, ["Moscow"]), ("Switzerland", G, ["Switzerland"]),
    ],
    "20230320T113000Z_UA_en_d54f7ea725": [
        ("Russia", G, ["Russia"]), ("Crimea", G, ["Autonomous Republic of Crimea", "Crimea"]),
        ("Sevastopol", G, ["Sevastopol"]), ("Transnistria", G, ["Transnistria"]),
        ("South Ossetia", G, ["South Ossetia"]), ("Narva region", G, ["Narva region"]), ("Estonia", G, ["Estonia"]),
        ("Ukraine", G, ["Ukraine"]), ("Kremlin", O, ["Kremlin"]), ("Moldova", G, ["Moldova"]),
        ("Georgia", G, ["Georgia"]),
    ],
    "20240415T081500Z_PL_en_d987eb98a7": [
        ("Russia", G, ["Russia"]), ("Ukraine", G, ["Ukraine"]),
        ("Volodymyr Zelensky", P, ["Wołodymyr Zelanski", "Zelanski"]), ("Israel", G, ["Israel"]),
        ("Oleksandr Syrskyi", P, ["Oleksandr Syrski"]), ("Bakhmut", G, ["Bachmut"]), ("Chasiv Yar", G, ["time Jar"]),
        ("Kramatorsk", G, ["Krama"]), ("Donetsk region", G, ["Donetsk region"]),
    ],
    "20220311T073000Z_PL_en_39f25090af": [
        ("Xi Jinping", P, ["XI Jinping", "XI"]), ("Ukraine", G, ["Ukraine"]),
        ("Central Intelligence Agency", O, ["CIA", "Central Intelligence Agency"]),
        ("William Burns", P, ["William Burns", "Burns"]), ("Russia", G, ["Russia"]), ("China", G, ["China"]),
        ("Senate intelligence committee", O, ["Senate intelligence committee"]), ("Vladimir Putin", P, ["Putin"]),
    ],
    "20220902T150000Z_GB_en_2516e105f1": [
        ("G7", O, ["G7", "Group of Seven"]), ("Moscow", G, ["Moscow"]), ("Ukraine", G, ["Ukraine"]),
        ("Russia", G, ["Russia"]), ("Kremlin", O, ["Kremlin"]), ("Dmitry Peskov", P, ["Dmitry Peskov"]), UK, US,
        ("Canada", G, ["Canada"]), ("France", G, ["France"]), ("Germany", G, ["Germany"]), ("Italy", G, ["Italy"]),
        ("Japan", G, ["Japan"]),
    ],
    "20230617T111500Z_UA_en_f536c286fc": [
        US, ("Ukraine", G, ["Ukraine"]), ("Russia", G, ["Russia"]),
        ("Antony Blinken", P, ["Antony Blinken", "Blinken"]), ("US State Department", O, ["US State Department"]),
    ],
    "20220620T121500Z_PL_en_809c510ebf": [
        ("Patriarch Kirill", P, ["~Cyril"]), ("Russia", G, ["Russia"]), UK, ("Ukraine", G, ["Ukraine"]),
        ("Vladimir Putin", P, ["Vladimir Putin"]), ("Nexta", OUT, ["Next"]),
    ],
    "20240420T144500Z_PL_en_567b813abe": [
        ("Washington Post", OUT, ["Washington Post"]), ("Russia", G, ["Russian Federation", "Russia"]),
        ("Ukraine", G, ["Ukraine"]), ("Kyiv", G, ["Kiev"]), ("Nikolai Kulbaka", P, ["Nikolai Kulbaka"]),
        ("Gazeta", OUT, ["Gazeta"]), ("Iran", G, ["Iran"]), ("Tatarstan", G, ["Tatarstan"]),
    ],
    "20220706T203000Z_UA_en_5e7bfbc8f6": [
        ("Volodymyr Zelensky", P, ["Volodymyr Zelensky", "Zelensky"]), ("Russia", G, ["Russia", "Russian Federation"]),
        ("Ireland", G, ["Ireland"]), ("Micheál Martin", P, ["Micheál Martin"]), ("Ukrinform", OUT, ["Ukrinform"]),
        ("Ukraine", G, ["Ukraine"]),
    ],
    "20220929T104500Z_PL_en_34e237c1c2": [
        ("Vladimir Putin", P, ["Vladimir Putin"]), ("Pope Francis", P, ["Francis", "Franciszek"]),
        ("Kazakhstan", G, ["Kazakhstan"]), ("Ukraine", G, ["Ukraine"]),
        ("La Civilta Cattolica", OUT, ["La Civilta Cattolica"]), ("Gazeta.pl", OUT, ["Gazeta.pl"]),
        ("Jarosław Gowin", P, ["Gowin"]), ("Holy See", O, ["Holy See"]),
    ],
    "20230711T160000Z_PL_en_c6ef5b8a85": [
        ("Mariupol", G, ["Mariupol"]), ("Petro Andriushchenko", P, ["Petro Andruszczenko"]),
        ("Sergei Tsokov", P, ["Cokow", "Coków"]), ("Svatove", G, ["Swatów"]), ("Military Informant", OUT, ["Military Informant"]),
        ("Ukraine", G, ["Ukraine"]), ("Kyiv", G, ["Kiev"]), ("Syria", G, ["Syria"]),
        ("Donetsk People's Republic", G, ["Donetsk People's Republic"]),
        ("Andrey Sukhovetsky", P, ["Andrey Suchowiecki"]), ("41st Army", U, ["41st Army"]),
        ("Central Military District", U, ["Central Military District"]), ("Vladimir Frolov", P, ["Vladimir Frołow"]),
        ("8th Guard Army", U, ["8th Guard Army"]),
    ],
    "20240504T171500Z_PL_en_35abde3b7d": [
        ("Ministry of Foreign Affairs", O, ["Ministry of Foreign Affairs"]),
        ("Radosław Sikorski", P, ["Radosław Sikorski", "Sikorski"]), ("BBC World", OUT, ["BBC World"]),
        ("Vladimir Putin", P, ["Vladimir Putin", "Putin"]), ("NATO", O, ["NATO"]), ("Ukraine", G, ["Ukraine"]),
        ("UN General Assembly", O, ["UN General Assembly"]), ("Poland", G, ["Poland"]),
        ("Bogdan Klich", P, ["Bogdan Klich"]), US, ("Congress", O, ["Congress"]),
    ],
    "20230729T164500Z_PL_en_49f8306445": [
        ("Vladimir Putin", P, ["Vladimir Putin", "Putin"]), ("Christopher Steele", P, ["Christopher Steele", "Steele"]),
        ("Sky News", OUT, ["Sky News"]), ("Ukraine", G, ["Ukraine"]), ("Agnieszka Legucka", P, ["Legucka"]),
        ("Sergei Surovikin", P, ["Sergei Surowikin"]), ("Russian Air Force", O, ["Russian Air Force"]),
    ],
    "20240421T074500Z_UA_en_31b09b1e33": [
        ("Ukraine", G, ["Ukraine"]), ("Russia", G, ["Russia"]), ("Pope Francis", P, ["Francis"]),
        ("Sun Tzu", P, ["Sun Tzu"]),
    ],
    "20220619T140000Z_GB_en_ab53b60afe": [
        ("British Army", O, ["British Army", "Army"]), ("Russia", G, ["Russia"]),
        ("Patrick Sanders", P, ["Patrick Sanders"]), ("BBC", OUT, ["BBC"]), ("Ukraine", G, ["Ukraine"]), UK,
        ("Jonathan Beale", P, ["Jonathan Beale"]), ("Ministry of Defence", O, ["Ministry of Defence"]),
    ],
    "20230309T081500Z_PL_en_3eedde02ab": [
        US, ("Russia", G, ["Russia"]), ("Ukraine", G, ["Ukraine"]),
        ("Katarzyna Okła-Drewnowicz", P, ["OKła-Drewnowicz"]), ("NATO", O, ["NATO"]), ("Moscow", G, ["Moscow"]),
    ],
    "20240508T151500Z_GB_en_9122f3a316": [
        UK, US, ("Ukraine", G, ["Ukraine"]), ("Middle East", L, ["Middle East"]),
        ("Washington DC", G, ["Washington DC"]), ("Tony Radakin", P, ["Tony Radakin", "Radakin"]),
        ("Normandy", G, ["Normandy"]), ("Adolf Hitler", P, ["Adolf Hitler"]),
        ("Dwight Eisenhower", P, ["Eisenhower"]), ("Europe", L, ["Europe"]),
    ],
    "20220217T171500Z_PL_en_f552be56f2": [
        ("Antony Blinken", P, ["Antony Blinken", "Blinken"]),
        ("UN Security Council", O, ["United Nations Security Council", "UN Security Council", "Security Council"]),
        ("Russia", G, ["Russia"]), ("Sergey Vershinin", P, ["Sergei Wierzynin"]), ("Kyiv", G, ["Kiev"]),
        ("Donbas", G, ["Donbas"]), ("Ukraine", G, ["Ukraine"]), US,
    ],
    "20240424T013000Z_UA_en_f4776c5a7b": [
        ("Kremlin", O, ["Kremlin"]), ("Kharkiv", G, ["Kharkiv City", "Kharkiv"]), ("Ukraine", G, ["Ukraine"]),
        ("Institute for the Study of War", O, ["Institute for the Study of War", "ISW"]),
        ("Ukrinform", OUT, ["Ukrinform"]), ("Sumy Oblast", G, ["Sumy"]), ("Chernihiv Oblast", G, ["Chernihiv"]),
    ],
}
# (document, surface, text around the occurrence that marks it as no mention)
EXCLUDE = [
    ("20230617T111500Z_UA_en_f536c286fc", "US", "JOIN US ON"),  # boilerplate, as in the first draw
]


def _draw() -> list[dict]:
    spec = importlib.util.spec_from_file_location("draw2", HERE / "entities-draw2.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.draw(HERE.parents[1] / ".." / "shared" / "data")


def records() -> list[dict]:
    data = HERE.parents[1] / ".." / "shared" / "data" / CORPUS
    out: list[dict] = []
    for d in _draw():
        key = Path(d["path"]).stem
        text = (data / d["path"]).read_bytes().decode("utf-8")
        lo, hi = d["window"]
        base = {"corpus": CORPUS, "path": d["path"], "sha256": d["sha256"]}
        out.append({"kind": "document", **base, "record": None, "window": [lo, hi], "split": d["split"], "draw": 2})
        forms = sorted(
            ((s, ent, lab) for ent, lab, surf in LABELS[key] for s in surf), key=lambda x: -len(x[0].lstrip("~"))
        )
        taken: list[tuple[int, int, str, str]] = []
        for surface, ent, lab in forms:
            inside = surface.startswith("~")
            surface = surface.lstrip("~")
            i = text.find(surface, lo, hi)
            while i != -1:
                s, e = i, i + len(surface)
                i = text.find(surface, i + 1, hi)
                if not inside and ((s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum())):
                    continue
                if any(s < te and ts < e for ts, te, _, _ in taken):
                    continue
                around = text[max(0, s - 20) : e + 20]
                if any(k == key and x == surface and c in around for k, x, c in EXCLUDE):
                    continue
                taken.append((s, e, ent, lab))
        for s, e, ent, lab in sorted(taken):
            out.append({"kind": "mention", **base, "start": s, "end": e, "text": text[s:e], "label": lab,
                        "entity": ent, "split": d["split"]})  # fmt: skip
    return out


if __name__ == "__main__":
    recs = records()
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    if "--append" in sys.argv:
        target = HERE / "entities.jsonl"
        if any(json.loads(ln).get("draw") == 2 for ln in target.read_text(encoding="utf-8").splitlines() if ln):
            raise SystemExit("entities.jsonl already holds the second draw")
        with target.open("a", encoding="utf-8") as f:
            f.write(lines)
    else:
        sys.stdout.write(lines)
