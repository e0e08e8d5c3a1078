#!/usr/bin/env bash
# End-to-end test of `galpak batch` on a real single-node Slurm cluster (controller and node on
# this machine): submits an array job over a small manifest, merges the shards' summaries and
# checks them. Run by .ci/run when CI is set, or by `make slurm-test`. Needs root or sudo
# (it installs Debian's slurm-wlm and munge, and slurmd runs as root); no systemd is needed:
# munged, slurmctld and slurmd are started by hand on private sockets, ports and directories,
# and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo

missing=""
for p in slurm-wlm munge; do dpkg -s $p >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
fi

# make test's optimised build when there is one (as on CI, right after it), else a debug build.
if [ -z "${GALPAK:-}" ] && [ -x "$ROOT/.build-test/release/galpak" ]; then
    GALPAK=$ROOT/.build-test/release/galpak
fi
GALPAK=${GALPAK:-$ROOT/.build/debug/galpak}
[ -x "$GALPAK" ] || (cd "$ROOT" && swift build --product galpak)
GALPAK=$(readlink -f "$GALPAK")

WORK=$(mktemp -d /tmp/galpak-slurm.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool" "$WORK/log" "$WORK/data"
chmod 711 "$WORK/munge"
cleanup() {
    for f in "$WORK/slurmd.pid" "$WORK/slurmctld.pid" "$WORK/munge/munged.pid"; do
        [ -f "$f" ] && $sudo kill "$(cat "$f")" 2>/dev/null || true
    done
    sleep 1
    if [ -n "${KEEP_SLURM_WORK:-}" ]; then echo "work directory kept: $WORK"; else $sudo rm -rf "$WORK"; fi
}
trap cleanup EXIT

# munge: a private key and socket.
$sudo mungekey --create --keyfile="$WORK/munge/munge.key"
$sudo munged --force --socket="$WORK/munge/munge.socket" --key-file="$WORK/munge/munge.key" \
    --log-file="$WORK/munge/munged.log" --pid-file="$WORK/munge/munged.pid" --seed-file="$WORK/munge/munged.seed"

NODE=$(hostname -s)
cat > "$WORK/slurm.conf" <<CONF
ClusterName=galpakci
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$WORK/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$WORK/slurm.conf"
$sudo env SLURM_CONF="$SLURM_CONF" slurmctld
$sudo env SLURM_CONF="$SLURM_CONF" slurmd
for _ in $(seq 30); do
    sinfo -h -o '%T' 2>/dev/null | grep -q idle && break
    sleep 1
done
sinfo -h -o '%T' | grep -q idle || { echo "the Slurm node never became idle"; cat "$WORK/log/"*.log; exit 1; }

# Five small simulated cubes and one corrupt file; three array tasks of two cubes each.
cd "$WORK/data"
for i in 1 2 3 4 5; do
    "$GALPAK" simulate --shape 16,16,20 --snr 15 --seeing 0.7 --seed "$i" -o "cube$i.fits" \
        --params "x=7.6,y=8.2,z=9.5,flux=500,radius=3,inclination=55,pa=$((i * 50)),turnover_radius=1.2,maximum_velocity=160,velocity_dispersion=45" >/dev/null
done
echo "not a FITS file" > corrupt.fits
printf 'cube,seeing\ncube1.fits,0.7\ncube2.fits,0.7\ncube3.fits,\ncube4.fits,0.7\ncube5.fits,0.7\ncorrupt.fits,0.7\n' > manifest.csv

status=0
sbatch --wait --array=0-2 --output="$WORK/log/task-%a.out" \
    --wrap "$GALPAK batch manifest.csv --iterations 200 -j 1 --outdir out" || status=$?
# Task 2 holds the corrupt cube, so the array job as a whole reports a failure.
[ "$status" -ne 0 ] || { echo "sbatch: expected the task with the corrupt cube to fail"; exit 1; }
ls out/summary-0-of-3.json out/summary-1-of-3.json out/summary-2-of-3.json >/dev/null

merge_status=0
"$GALPAK" batch --merge out > merge.txt || merge_status=$?
cat merge.txt
[ "$merge_status" -eq 1 ] || { echo "merge: expected exit status 1 (one failed cube), got $merge_status"; exit 1; }
python3 - <<'PY'
import csv, json
rows = list(csv.DictReader(open("out/summary.csv")))
assert [r["cube"] for r in rows] == [f"cube{i}.fits" for i in range(1, 6)] + ["corrupt.fits"], rows
assert [r["status"] for r in rows] == ["ok"] * 5 + ["failed"], [r["status"] for r in rows]
assert "corrupt.fits" in rows[5]["error"], rows[5]["error"]
for r in rows[:5]:
    assert abs(float(r["x"]) - 7.6) < 1 and abs(float(r["y"]) - 8.2) < 1, r
    assert 0.8 < float(r["reduced_chi2"]) < 1.6, r["reduced_chi2"]
summary = json.load(open("out/summary.json"))
assert summary["total_cubes"] == 6 and summary["shard"] is None
assert summary["counts"]["ok"] == 5 and summary["counts"]["failed"] == 1
print("slurm batch test: 3 array tasks, merged summary of 6 cubes (5 ok, 1 failed) checked")
PY
