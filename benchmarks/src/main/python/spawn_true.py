"""Sequential subprocess.run of /bin/true, and of /bin/echo hello with its output captured, for a
number of seconds each; prints the rates. The Python reference of the ProcessSpawn benchmarks:
python3 benchmarks/src/main/python/spawn_true.py [seconds]"""
import subprocess
import sys
import time

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
for label, argv, capture in (("/bin/true", ["/bin/true"], False), ("/bin/echo hello", ["/bin/echo", "hello"], True)):
    runs = 0
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        subprocess.run(argv, capture_output=capture)
        runs += 1
    print(f"Python {sys.version.split()[0]} subprocess.run {label}: {runs / (time.monotonic() - start):.0f}/s")
