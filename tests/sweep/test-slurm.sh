#!/bin/sh
# test-slurm.sh — the sweep of tests/sweep/sweep.sym as a real Slurm job
# array on a single-node cluster started here: munged (Debian's munge, its
# key made if missing), slurmctld and slurmd (Debian's slurm-wlm) with a
# slurm.conf naming this host with its CPUs, then
# `sbatch --array=0-3 --wait`; the merged CSV must equal a serial run's.
# Opt-in (it starts daemons as root): runs only with SYM_TEST_SLURM=1 (set
# by .ci/run), else it is skipped (exit 77).  Every wait has a timeout and
# the daemons are stopped on exit.
set -u
[ "${SYM_TEST_SLURM:-0}" = 1 ] || { echo "skipped: set SYM_TEST_SLURM=1 to run"; exit 77; }
for c in munged slurmctld slurmd sbatch sinfo scontrol timeout; do
    command -v $c >/dev/null 2>&1 || { echo "FAIL: $c not installed (slurm-wlm, munge)"; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "FAIL: needs root to start slurmctld/slurmd"; exit 1; }
sym=${SYM:-./sym}
case $sym in /*) ;; *) sym=$(pwd)/$sym ;; esac
src=$(cd "${srcdir:-.}" && pwd)
script=$src/tests/sweep/sweep.sym
tmp=$(mktemp -d /tmp/sym-slurm.XXXXXX) || exit 99
chmod 755 "$tmp"
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    for i in 1 2 3 4 5 6 7 8 9 10; do
        alive=0
        for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
        [ $alive = 0 ] && break
        sleep 0.5
    done
    for p in $pids; do kill -9 "$p" 2>/dev/null; done
    wait 2>/dev/null
    [ -n "${SYM_TEST_KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
host=$(hostname -s)
cpus=$(nproc)
port=$((20000 + $$ % 20000))

# munge: a key if Debian's postinst made none, then the daemon (its own
# socket, so a munged already running elsewhere is left alone)
key=/etc/munge/munge.key
if [ ! -s $key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=$key bs=1 count=1024 2>/dev/null
    chown munge:munge $key 2>/dev/null
    chmod 400 $key
fi
mkdir -p /run/munge "$tmp/munge"
chown munge:munge /run/munge "$tmp/munge" 2>/dev/null
sock=/run/munge/munge.socket.2
if ! timeout 10 munge -n </dev/null >/dev/null 2>&1; then
    runuser -u munge -- munged --foreground --force --socket=$sock \
        --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munge/munged.log" \
        --seed-file="$tmp/munge/seed" >"$tmp/munge/munged.out" 2>&1 &
    pids="$pids $!"
    i=0
    until timeout 5 munge -n </dev/null >/dev/null 2>&1; do
        i=$((i + 1)); [ $i -lt 20 ] || { echo "FAIL: munged did not start"; cat "$tmp/munge/munged.log"; exit 1; }
        sleep 0.5
    done
fi

mkdir -p "$tmp/state" "$tmp/spool" "$tmp/out"
conf=$tmp/slurm.conf
cat > "$conf" <<CONF
ClusterName=symtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$cpus State=UNKNOWN
PartitionName=symtest Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$conf
slurmctld -D -i -f "$conf" >"$tmp/slurmctld.out" 2>&1 &
pids="$pids $!"
slurmd -D -f "$conf" >"$tmp/slurmd.out" 2>&1 &
pids="$pids $!"
i=0
until timeout 5 sinfo -h -o %T 2>/dev/null | grep -q '^idle'; do
    i=$((i + 1))
    if [ $i -ge 60 ]; then
        echo "FAIL: the node did not come up"
        tail -20 "$tmp/slurmctld.log" "$tmp/slurmd.log" "$tmp/slurmctld.out" "$tmp/slurmd.out" 2>/dev/null
        exit 1
    fi
    sleep 0.5
done

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
timeout 120 "$sym" "$script" "$tmp/out/serial.csv" >/dev/null || fail "serial run"
timeout 60 "$sym" "$script" "$tmp/out/serial.csv" merge >/dev/null || fail "serial merge"
if ! timeout 300 sbatch --array=0-3 --wait --quiet -D "$tmp/out" -o "$tmp/out/job_%a.log" \
        --wrap="exec '$sym' '$script' '$tmp/out/slurm.csv'"; then
    fail "sbatch --array=0-3 --wait"
    cat "$tmp"/out/job_*.log 2>/dev/null
    tail -20 "$tmp/slurmctld.log" "$tmp/slurmd.log" 2>/dev/null
fi
for a in 0 1 2 3; do
    [ -s "$tmp/out/slurm.csv.part${a}of4" ] || fail "array task $a wrote no rows"
done
timeout 60 "$sym" "$script" "$tmp/out/slurm.csv" merge >/dev/null || fail "merge of the array's rows"
cmp -s "$tmp/out/serial.csv" "$tmp/out/slurm.csv" || fail "the Slurm array's CSV differs from the serial run"
[ $fails = 0 ] && echo "slurm: sbatch --array=0-3 --wait on $host ($cpus CPUs) matches the serial run"
[ $fails = 0 ]
