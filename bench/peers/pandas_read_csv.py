"""Peer for the LABEVENTS ingest benchmark: pandas.read_csv of the same file, timed in-process.

Run with Debian's interpreter: /usr/bin/python3 bench/peers/pandas_read_csv.py PATH/LABEVENTS.csv
Prints one JSON line: rows, seconds (read_csv only), cpu_seconds (user + system, whole process),
peak_rss_mb (the process's maximum resident set).
"""
import json
import resource
import sys
import time

import pandas as pd

path = sys.argv[1]
start = time.perf_counter()
frame = pd.read_csv(path)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({
    "rows": int(len(frame)),
    "seconds": seconds,
    "cpu_seconds": usage.ru_utime + usage.ru_stime,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
}))
