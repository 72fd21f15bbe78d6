"""Peer for the LABEVENTS ingest benchmark: pandas.read_csv of the same file, timed in-process.

Run with Debian's interpreter: /usr/bin/python3 bench/peers/pandas_read_csv.py PATH/LABEVENTS.csv
Prints one JSON line: rows, seconds (read_csv only), cpu_seconds (user + system, whole process),
work_cpu_seconds and main_thread_cpu_seconds (user + system during read_csv only), peak_rss_mb
(the process's maximum resident set).
"""
import json
import resource
import sys
import time

import pandas as pd

path = sys.argv[1]
start, cpu = time.perf_counter(), time.process_time()
frame = pd.read_csv(path)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({
    "rows": int(len(frame)),
    "seconds": seconds,
    "cpu_seconds": usage.ru_utime + usage.ru_stime,
    # read_csv alone; its C parser runs on the one thread, so this is also its busiest thread's.
    "work_cpu_seconds": cpu,
    "main_thread_cpu_seconds": cpu,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
}))
