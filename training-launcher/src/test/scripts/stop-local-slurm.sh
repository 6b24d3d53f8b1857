#!/usr/bin/env bash
# Stops the daemons start-local-slurm.sh started, by the pids it recorded (never by name), and removes its folder.
set -uo pipefail
D="${LOCAL_SLURM_DIR:-/tmp/local-slurm}"
[ -f "$D/pids" ] || exit 0
tac "$D/pids" | while read -r name pid; do
  kill -TERM "$pid" 2>/dev/null || true
done
for i in $(seq 50); do
  left=0
  while read -r name pid; do kill -0 "$pid" 2>/dev/null && left=1; done < "$D/pids"
  [ $left = 0 ] && break
  sleep 0.1
done
while read -r name pid; do kill -KILL "$pid" 2>/dev/null || true; done < "$D/pids"
rm -rf "$D"
echo "stop-local-slurm: stopped"
