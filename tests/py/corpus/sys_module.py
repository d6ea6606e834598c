# Checks the sys module: argv[0] ending, exc_info, setswitchinterval/getswitchinterval, stderr printing, maxsize, exit caught.
import sys
print(len(sys.argv), sys.argv[0].endswith("sys_module.py"))
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.getswitchinterval())
print(sys.exc_info())
try:
    raise ValueError("info")
except ValueError:
    et, ev, tb = sys.exc_info()
    print(et.__name__, ev, tb is not None)
print(sys.exc_info()[0])
print("to stderr", file=sys.stderr)
print("to stdout", file=sys.stdout)
sys.stdout.write("written\n")
print(sys.maxsize, sys.maxsize == 2 ** 62 - 1 + 2 ** 62)
print(sys.version_info[0], sys.version_info >= (3, 9), type(sys.version).__name__)
try:
    sys.exit(3)
except SystemExit as e:
    print("SystemExit", e.code)
try:
    sys.exit("message")
except SystemExit as e:
    print("SystemExit", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("SystemExit", e.code)
print(isinstance(SystemExit(), BaseException), isinstance(SystemExit(), Exception))
try:
    sys.setswitchinterval(0)
except ValueError as e:
    print("ValueError", e)
print(sys.getrecursionlimit() > 0, sys.platform == "linux")
print("end")
sys.exit(0)
print("not reached")
