#!/usr/bin/env python3
"""`rasad extract` as the map stage of a Spark job, checked against a direct run.

The articles (JSON lines, one per line) are read as an RDD split into
partitions; each partition is piped through `rasad extract -` (RDD.pipe: one
process per partition, lines in on standard input, records out on standard
output); the records are collected in partition order and compared with
`rasad extract` run once over the whole file, line for line.

Not run by CI (it needs pyspark and a Java runtime: `pip install pyspark`,
Debian's openjdk-17-jre-headless). See docs/distributed.md.

    python3 bench/spark_extract.py --rasad target/release/rasad \
        --input ../shared/corpus/real/pool.jsonl --partitions 8
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import time

# The collection date given to both runs, so relative dates resolve alike.
REFERENCE_DATE = "2024-01-01"


def direct(binary, path):
    t0 = time.monotonic()
    out = subprocess.run(
        [binary, "extract", "--reference-date", REFERENCE_DATE, path],
        stdout=subprocess.PIPE,
        check=False,
    ).stdout.decode("utf-8")
    # Lines end at "\n" only: str.splitlines would also split at U+2028 and
    # other separators that JSON strings hold unescaped.
    return out.rstrip("\n").split("\n"), time.monotonic() - t0


def on_spark(binary, path, partitions, master):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("rasad-extract")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    t0 = time.monotonic()
    lines = sc.textFile("file://" + os.path.abspath(path), minPartitions=partitions)
    command = shlex.join([binary, "extract", "--reference-date", REFERENCE_DATE, "-"])
    records = lines.pipe(command)
    got = records.collect()
    secs = time.monotonic() - t0
    n_parts = lines.getNumPartitions()
    spark.stop()
    return got, secs, n_parts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rasad", required=True)
    ap.add_argument("--input", required=True, help="JSON lines of articles")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args()
    binary = os.path.abspath(args.rasad)
    want, direct_s = direct(binary, args.input)
    got, spark_s, parts = on_spark(binary, args.input, args.partitions, args.master)
    same_order = got == want
    by_id = lambda rows: sorted(rows, key=lambda r: json.loads(r)["id"])
    same_records = len(got) == len(want) and by_id(got) == by_id(want)
    print(f"direct: {len(want)} records in {direct_s:.1f} s")
    print(f"spark ({args.master}, {parts} partitions): {len(got)} records in {spark_s:.1f} s")
    print(f"identical line for line: {same_order}; identical as a set: {same_records}")
    if not same_order:
        diff = next(i for i, (a, b) in enumerate(zip(got + [""], want + [""])) if a != b)
        print(f"first difference at line {diff}:\n spark:  {got[diff][:300] if diff < len(got) else None}\n direct: {want[diff][:300] if diff < len(want) else None}")
    sys.exit(0 if same_order else 1)


if __name__ == "__main__":
    main()
