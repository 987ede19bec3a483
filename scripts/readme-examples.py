#!/usr/bin/env python3
"""Prints the README's curl examples with their real output, from a server on 127.0.0.1:8080.

Start the server (`cargo run --release`), run this script, and paste its output over the README's
"Every endpoint, with curl" section. Long strings are cut at 160 characters and arrays at 2 items,
marked with "…", so the examples stay readable.
"""
import json
import subprocess

BASE = "http://127.0.0.1:8080"
EXAMPLES = [
    ("Snapshot: the store's id (the ETag of every response) and counts", "/v1/snapshot"),
    ("Articles, newest first", "/v1/articles?page_size=1"),
    ("One article with its text fields", "/v1/articles/art_33b93e53bbb4"),
    ("An article's claims, filtered and sorted", "/v1/articles/art_33b93e53bbb4/claims?kind=money&sort=amount_desc&page_size=1"),
    ("The people named in an article, with their spans", "/v1/articles/art_6a6827e0cd46/entities?type=person&page_size=1"),
    ("Entities by name, alias or acronym", "/v1/entities?q=agency&page_size=2"),
    ("One entity by acronym (never spelled out in the text)", "/v1/entities/NCCIA"),
    ("An entity's claims", "/v1/entities/PTA/claims?page_size=1"),
    ("Where an entity is named", "/v1/entities/PTA/mentions?page_size=1"),
    ("Claims: counts of 1,000 or more, largest first", "/v1/claims?kind=count&amount_gte=1000&sort=amount_desc&page_size=1"),
    ("One claim", "/v1/claims/clm_0eb0bf512af2"),
    ("A bad query: every invalid parameter named", "/v1/claims?amount_gte=lots&sort=size"),
    ("An unknown entity", "/v1/entities/nowhere"),
]


def shorten(value):
    if isinstance(value, str) and len(value) > 160:
        return value[:159] + "…"
    if isinstance(value, list):
        items = [shorten(v) for v in value[:2]]
        return items + ["…"] if len(value) > 2 else items
    if isinstance(value, dict):
        return {k: shorten(v) for k, v in value.items()}
    return value


for title, path in EXAMPLES:
    out = subprocess.run(["curl", "-s", BASE + path], capture_output=True, text=True, check=True).stdout
    body = json.loads(out)
    if "request_id" in body:
        body["request_id"] = "…"
    print(f"{title}:\n\n```console\n$ curl -s 'localhost:8080{path}'\n"
          f"{json.dumps(shorten(body), ensure_ascii=False, indent=2)}\n```\n")
