"""Interleaved timing for bench_render.sh and bench_ab.sh.

Every run is a fresh process.  The commands take turns: each round runs all
of them once, in an order that reverses from round to round, so that a
neighbour's burst on a shared machine slows all of them alike rather than
whichever happened to be running.  Wall time is measured around the child,
CPU time is its user + system time from wait4."""
import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    """One run of `cmd` (a list): its wall and CPU time in ms; exits on failure."""
    with open(os.devnull, "w") as null:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=null, stderr=null)
        _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return (time.perf_counter() - t0) * 1000, (ru.ru_utime + ru.ru_stime) * 1000


def rounds(cmds, runs):
    """`runs` interleaved rounds of `cmds` after one warm-up run each (the file
    cache): per command, the list of wall times and the list of CPU times."""
    wall = [[] for _ in cmds]
    cpu = [[] for _ in cmds]
    for cmd in cmds:
        run(cmd)
    for r in range(runs):
        order = list(range(len(cmds)))
        if r % 2:
            order.reverse()
        for i in order:
            w, c = run(cmds[i])
            wall[i].append(w)
            cpu[i].append(c)
    return wall, cpu


def quart(xs):
    """Median, first and third quartile of `xs`."""
    xs = sorted(xs)
    return statistics.median(xs), xs[len(xs) // 4], xs[(3 * len(xs)) // 4]
