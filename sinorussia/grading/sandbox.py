"""One bubblewrap sandbox per submission: what it sees, what it may use, how it ends.

Inside, the notebook runs as root of a new user namespace that maps to nothing outside, in new
PID, network, IPC, UTS and mount namespaces. The file system is read-only and holds only
``/usr``, the Python installation and virtual environment, the ``sinorussia`` package and the
public data package; the working directory is a tmpfs capped in size (so is ``/tmp``). Not
visible: the repository and its ``.git``, the masters, the hidden tests, other submissions, the
gradebook, the instructor's home and environment. Resource limits are set before ``exec``:
address space, CPU seconds, file size, open files; a seccomp filter refuses to create processes
(threads are allowed), so forks, daemons and fork bombs fail at once; ``--die-with-parent`` and
the PID namespace end everything when the run ends or the grader dies, even by SIGKILL.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

BWRAP = "bwrap"
SCRATCH = "/submission"
SCRATCH_BYTES = 64 * 2**20            # the tmpfs working directory; /tmp gets as much again
MAX_FILE_BYTES = 32 * 2**20           # RLIMIT_FSIZE
MAX_OPEN_FILES = 256
INTERPRETER_OVERHEAD_MB = 1536        # address space Python, pandas and Altair take before the notebook runs


def problem() -> str | None:
    """Why this machine cannot sandbox, in one line naming what to install; None when it can."""
    if sys.platform.startswith("win"):
        return ("grading needs Linux with bubblewrap (this is Windows): run `sinorussia grade` in WSL 2 "
                "after `apt-get install bubblewrap`")
    if not sys.platform.startswith("linux"):
        return (f"sandboxed grading needs Linux with bubblewrap (this is {sys.platform}): grade on a Linux "
                "machine with `apt-get install bubblewrap`, or pass --unsafe-no-sandbox")
    if shutil.which(BWRAP) is None:
        return ("sandboxed grading needs bubblewrap (bwrap), which is not installed: "
                "`apt-get install bubblewrap` (Debian/Ubuntu) or `dnf install bubblewrap`, "
                "or pass --unsafe-no-sandbox")
    if _seccomp_arch() is None:
        return f"sandboxed grading supports x86_64 and aarch64, not {os.uname().machine}"
    return None


# --- seccomp: no new processes -----------------------------------------------------------------

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_SYSCALLS = {  # clone, clone3, fork, vfork
    "x86_64": {"clone": 56, "clone3": 435, "fork": 57, "vfork": 58},
    "aarch64": {"clone": 220, "clone3": 435},
}
_CLONE_THREAD = 0x00010000
_RET_ALLOW, _RET_KILL = 0x7FFF0000, 0x80000000
_RET_EPERM, _RET_ENOSYS = 0x00050000 | 1, 0x00050000 | 38


def _seccomp_arch() -> str | None:
    machine = os.uname().machine if hasattr(os, "uname") else ""
    return machine if machine in _AUDIT_ARCH else None


def seccomp_filter() -> bytes:
    """A classic BPF program: clone only for threads; clone3 says 'not implemented' (so libc falls
    back to clone); fork and vfork are refused; any other architecture's calls kill the process."""
    arch = _seccomp_arch()
    calls = _SYSCALLS[arch]
    ld, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    program: list[tuple[int, int, int, int]] = []

    def add(code, jt, jf, k):
        program.append((code, jt, jf, k))

    add(ld, 0, 0, 4)                                   # A = arch
    add(jeq, 1, 0, _AUDIT_ARCH[arch])                  # right arch: skip the kill
    add(ret, 0, 0, _RET_KILL)
    add(ld, 0, 0, 0)                                   # A = syscall number
    if arch == "x86_64":
        add(jge, 0, 1, 0x40000000)                     # x32 calls: kill
        add(ret, 0, 0, _RET_KILL)
    denied = [calls[name] for name in ("fork", "vfork") if name in calls]
    # layout after this point: [jeq clone][jeq clone3][jeq denied...][ret allow][clone3: ret enosys]
    #                          [deny: ret eperm][clone: ld arg0][jset thread][ret eperm][ret allow]
    n = len(denied)
    add(jeq, n + 4, 0, calls["clone"])                 # to the clone check
    add(jeq, n + 1, 0, calls["clone3"])                # to ENOSYS
    for i, number in enumerate(denied):
        add(jeq, n - i + 1, 0, number)                 # to EPERM
    add(ret, 0, 0, _RET_ALLOW)
    add(ret, 0, 0, _RET_ENOSYS)
    add(ret, 0, 0, _RET_EPERM)
    add(ld, 0, 0, 16)                                  # A = low 32 bits of clone's flags
    add(jset, 1, 0, _CLONE_THREAD)
    add(ret, 0, 0, _RET_EPERM)
    add(ret, 0, 0, _RET_ALLOW)
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in program)


# --- the command line ----------------------------------------------------------------------------

def readable_roots() -> list[Path]:
    """What the sandbox may read: the Python installation, the environment, the package and data."""
    from .. import DATA_DIR

    package = Path(__file__).resolve().parent.parent
    roots = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), package, Path(DATA_DIR).resolve()}
    roots |= {Path(p).resolve() for p in sys.path if p and Path(p).is_dir() and "site-packages" in p}
    roots = {r for r in roots if not str(r).startswith("/usr/")}
    # keep the outermost of nested roots
    return sorted(r for r in roots if not any(o != r and r.is_relative_to(o) for o in roots))


def command(seccomp_fd: int, timeout: float) -> list[str]:
    """The bwrap command that runs the runner; the job arrives on stdin."""
    args = [BWRAP, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--ro-bind", "/usr", "/usr"]
    for name in ("lib", "lib64", "bin", "sbin"):
        if os.path.islink(f"/{name}"):
            args += ["--symlink", os.readlink(f"/{name}"), f"/{name}"]
        elif os.path.isdir(f"/{name}"):
            args += ["--ro-bind", f"/{name}", f"/{name}"]
    args += ["--proc", "/proc", "--dev", "/dev",
             "--size", str(SCRATCH_BYTES), "--tmpfs", SCRATCH,
             "--size", str(SCRATCH_BYTES), "--tmpfs", "/tmp",
             "--size", str(2**20), "--tmpfs", "/dev/shm"]
    # After the tmpfs mounts: a checkout or environment under /tmp must stay visible, not be hidden by them.
    for root in readable_roots():
        args += ["--ro-bind", str(root), str(root)]
    args += ["--remount-ro", "/dev", "--remount-ro", "/",   # bwrap's own tmpfs roots: no size cap, so no writes
             "--chdir", SCRATCH, "--seccomp", str(seccomp_fd)]
    environment = {"HOME": SCRATCH, "TMPDIR": "/tmp", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                   "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "MPLCONFIGDIR": "/tmp",
                   "IPYTHONDIR": f"{SCRATCH}/.ipython", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                   "MKL_NUM_THREADS": "1"}
    for key, value in environment.items():
        args += ["--setenv", key, value]
    return [*args, sys.executable, "-I", "-m", "sinorussia.grading.runner"]


def limit_resources(memory_mb: int, timeout: float) -> None:
    """Set in the child between fork and exec (inherited by bwrap and the notebook)."""
    import resource

    address_space = (memory_mb + INTERPRETER_OVERHEAD_MB) * 2**20
    cpu = int(timeout) + 2
    for limit, value in ((resource.RLIMIT_AS, address_space), (resource.RLIMIT_CPU, cpu),
                         (resource.RLIMIT_FSIZE, MAX_FILE_BYTES), (resource.RLIMIT_CORE, 0),
                         (resource.RLIMIT_NOFILE, MAX_OPEN_FILES)):
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):  # macOS refuses some (--unsafe-no-sandbox only); Linux takes all
            if sys.platform.startswith("linux"):
                raise
    os.setsid()  # own session and process group: the grader's terminal signals do not reach it
