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


def print_against_first(names, wall, cpu):
    """The table of bench_ab.sh and bench_start.sh: per command (named by the
    last 30 characters of `names`), median [quartiles] of wall and CPU time,
    and the change of the medians against the first command's."""
    w0, c0 = quart(wall[0])[0], quart(cpu[0])[0]
    print("binary                          wall_ms              cpu_ms               vs first: wall   cpu")
    for i, name in enumerate(names):
        w, c = quart(wall[i]), quart(cpu[i])
        print(f"{name[-30:]:<30}  {w[0]:6.1f} [{w[1]:5.1f} {w[2]:5.1f}]  {c[0]:6.1f} [{c[1]:5.1f} {c[2]:5.1f}]"
              f"  {100 * (w[0] / w0 - 1):+13.1f}% {100 * (c[0] / c0 - 1):+5.1f}%")
