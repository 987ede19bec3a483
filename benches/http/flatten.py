#!/usr/bin/env python3
"""Converts a newsfacts store into the flat shapes the peer servers need (benchmark helper).

    python3 benches/http/flatten.py STORE.json OUT_DIR

Writes, streaming (a 1 GB store is never held as Python objects, only as one string):
  OUT_DIR/db.json          json-server database: {"claims": [...], "entities": [...], "articles": [...]}
  OUT_DIR/claims.ndjson    the same claims, one per line (for `sqlite-utils insert --nl`)
  OUT_DIR/entities.ndjson
  OUT_DIR/articles.ndjson

Flat claim: id, article_id, article_date, label, predicate, measured, subject_id (first subject),
claimant_id (first claimant), entities (" id1 id2 " subjects and claimants, space-delimited, for a
subject-or-claimant match), kind, amount, modifier, lower_bound, upper_bound, unit, text,
consistency, mention_count, evidence (the evidence texts joined by " | "), and mentions (the nested
mentions as stored: json-server serves them as JSON, sqlite-utils stores them as a JSON text column), so
a peer's get-by-id body carries the same figures and spans as newsfacts's.
Flat entity: id, name, type, acronym (first acronym alias or null), aliases (" | "-joined).
Flat article: id, title, article_date, dateline, body.
"""

import json
import os
import sys

WS = " \t\r\n"


def stream_top_level(text):
    """Yields (key, value) for scalar members and (key, iterator) for array members of the top object."""
    dec = json.JSONDecoder()
    i = 0
    n = len(text)

    def skip(i):
        while i < n and text[i] in WS:
            i += 1
        return i

    i = skip(i)
    assert text[i] == "{", "store must be a JSON object"
    i += 1
    while True:
        i = skip(i)
        if text[i] == "}":
            return
        if text[i] == ",":
            i += 1
            continue
        key, i = dec.raw_decode(text, i)
        i = skip(i)
        assert text[i] == ":"
        i = skip(i + 1)
        if text[i] == "[":
            pos = [i + 1]

            def items(pos=pos):
                j = pos[0]
                while True:
                    j = skip(j)
                    if text[j] == "]":
                        pos[0] = j + 1
                        return
                    if text[j] == ",":
                        j += 1
                        continue
                    obj, j = dec.raw_decode(text, j)
                    yield obj

            yield key, items()
            i = pos[0]
        else:
            value, i = dec.raw_decode(text, i)
            yield key, value


def flat_claim(c, article_dates):
    v = c["value"]
    ents = c["subject_ids"] + c["attribution"]["claimant_ids"]
    return {
        "id": c["id"],
        "article_id": c["article_id"],
        "article_date": article_dates.get(c["article_id"]),
        "label": c["label"],
        "predicate": c["predicate"],
        "measured": c["measured"],
        "subject_id": (c["subject_ids"] or [None])[0],
        "claimant_id": (c["attribution"]["claimant_ids"] or [None])[0],
        "entities": " " + " ".join(ents) + " " if ents else "",
        "kind": v["kind"],
        "amount": v["amount"],
        "modifier": v["modifier"],
        "lower_bound": v["lower_bound"],
        "upper_bound": v["upper_bound"],
        "unit": v["unit"],
        "text": v["text"],
        "consistency": c["consistency"],
        "mention_count": len(c["mentions"]),
        "evidence": " | ".join(m["evidence_span"]["exact"] for m in c["mentions"]),
        "mentions": c["mentions"],
    }


def flat_entity(e):
    acr = [a["text"] for a in e["aliases"] if a["kind"] == "acronym"]
    return {
        "id": e["id"],
        "name": e["name"],
        "type": e["type"],
        "acronym": acr[0] if acr else None,
        "aliases": " | ".join(a["text"] for a in e["aliases"]),
    }


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(src, encoding="utf-8") as f:
        text = f.read()
    files = {name: open(os.path.join(out, name + ".ndjson"), "w", encoding="utf-8")
             for name in ("claims", "entities", "articles")}
    counts = {name: 0 for name in files}
    article_dates = {}

    def put(name, obj):
        files[name].write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
        files[name].write("\n")
        counts[name] += 1

    for key, value in stream_top_level(text):
        if key == "articles":
            for a in value:
                article_dates[a["id"]] = a["article_date"]
                put("articles", {"id": a["id"], "title": a["title"], "article_date": a["article_date"],
                                 "dateline": a["dateline"], "body": a["body"]})
        elif key == "entities":
            for e in value:
                put("entities", flat_entity(e))
        elif key == "claims":
            assert article_dates, "articles must come before claims"
            for c in value:
                put("claims", flat_claim(c, article_dates))
        elif hasattr(value, "__next__"):
            for _ in value:
                pass
    del text
    for fh in files.values():
        fh.close()
    # db.json for json-server, assembled from the line files.
    with open(os.path.join(out, "db.json"), "w", encoding="utf-8") as db:
        db.write("{")
        for k, name in enumerate(("claims", "entities", "articles")):
            db.write(("," if k else "") + f'\n"{name}":[\n')
            with open(os.path.join(out, name + ".ndjson"), encoding="utf-8") as fh:
                for j, line in enumerate(fh):
                    if j:
                        db.write(",\n")
                    db.write(line.rstrip("\n"))
            db.write("]")
        db.write("\n}\n")
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
