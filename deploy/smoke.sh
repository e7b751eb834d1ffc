#!/usr/bin/env bash
# Checks a running copydesk compose stack end to end, the way it will be used and abused:
# drops a corpus of distinct articles into ./inbox in three waves; between them scales the
# ingest workers up, kills one worker container with SIGKILL in the middle of its tasks,
# restarts Redis, scales the workers back down; then checks, through psql as
# copydesk_reader, that every file became exactly one job with a final status and no
# article was stored twice. Prints a table; exits 1 if anything was lost or doubled.
#
#   deploy/smoke.sh                                     # Docker Compose v2
#   COMPOSE=podman-compose ENGINE=podman deploy/smoke.sh
#   COMPOSE=../shared/compose-offline/compose.sh ENGINE=podman \
#     SCALE="../shared/compose-offline/up.sh --scale" deploy/smoke.sh
#
# Run it from the repository top (next to compose.yaml and .env) after `up`.
# Settings (environment): FILES (default 60), WORKERS_UP (3), WORKERS_DOWN (1),
# WAIT_SECONDS (900: redelivery of a killed task may wait for the reconciler),
# INBOX (./inbox), COMPOSE ("docker compose"), ENGINE (docker, or podman when COMPOSE
# names podman), SCALE ("$COMPOSE up -d --no-deps --scale").
# The reader's password comes from COPYDESK_READER_PASSWORD (environment, else .env);
# without one it reads as the superuser with SET ROLE copydesk_reader (same privileges).
set -euo pipefail

COMPOSE=${COMPOSE:-docker compose}
case "$COMPOSE" in *podman* | *compose-offline*) ENGINE=${ENGINE:-podman} ;; *) ENGINE=${ENGINE:-docker} ;; esac
SCALE=${SCALE:-$COMPOSE up -d --no-deps --scale}
FILES=${FILES:-60}
WORKERS_UP=${WORKERS_UP:-3}
WORKERS_DOWN=${WORKERS_DOWN:-1}
WAIT_SECONDS=${WAIT_SECONDS:-900}
INBOX=${INBOX:-./inbox}
RUN=smoke-$(date +%Y%m%d%H%M%S)-$$
T0=$SECONDS

say() { printf 'smoke: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }
dotenv() { [ -f .env ] && sed -n "s/^$1=//p" .env | tail -n 1 || true; }

READER_PASSWORD=${COPYDESK_READER_PASSWORD:-$(dotenv COPYDESK_READER_PASSWORD)}
sql() { # QUERY -> rows, fields separated by |
  if [ -n "$READER_PASSWORD" ]; then
    $COMPOSE exec -T -e PGPASSWORD="$READER_PASSWORD" postgres \
      psql -h 127.0.0.1 -U copydesk_reader -d copydesk -X -q -At -F '|' -v ON_ERROR_STOP=1 -c "$1"
  else
    $COMPOSE exec -T postgres psql -U copydesk_admin -d copydesk -X -q -At -F '|' \
      -v ON_ERROR_STOP=1 -c 'SET ROLE copydesk_reader' -c "$1"
  fi
}

drop() { # FIRST LAST: distinct articles, each written aside and renamed in
  local i
  for i in $(seq "$1" "$2"); do
    local name=$RUN-$(printf %04d "$i").html
    {
      printf '<html><head><title>Smoke article %s number %d</title></head><body><article>\n' "$RUN" "$i"
      printf '<h1>Smoke article %s number %d</h1>\n' "$RUN" "$i"
      for p in 1 2 3 4 5 6; do
        printf '<p>Paragraph %d of article %d in run %s. The council met on day %d to discuss item %d, ' "$p" "$i" "$RUN" "$((i % 28 + 1))" "$((i * 7 + p))"
        printf 'and residents raised %d questions about the budget line %d before the vote.</p>\n' "$((i + p))" "$((i * 13 + p))"
      done
      printf '</article></body></html>\n'
    } >"$INBOX/.$name.tmp"
    mv "$INBOX/.$name.tmp" "$INBOX/$name"
  done
}

scale_workers() {
  say "scaling worker to $1"
  # shellcheck disable=SC2086 # SCALE is a command line
  $SCALE "worker=$1" worker >/dev/null
}

[ -f compose.yaml ] || die "run from the directory of compose.yaml"
[ -d "$INBOX" ] || die "no inbox at $INBOX"
sql 'SELECT 1' >/dev/null || die "cannot query Postgres as copydesk_reader through '$COMPOSE exec postgres'"

third=$((FILES / 3))
say "run $RUN: $FILES files"
drop 1 "$third"
scale_workers "$WORKERS_UP"

drop "$((third + 1))" "$((2 * third))"
# Kill one worker container while it works: wait (a little) until a job of this run is
# running; a small corpus may be done before one is seen, and the kill goes ahead anyway.
for _ in $(seq 1 10); do
  [ "$(sql "SELECT count(*) FROM api.jobs WHERE source_name LIKE '$RUN-%' AND status = 'running'")" -gt 0 ] && break
  sleep 1
done
victim=$($COMPOSE ps -q worker | head -n 1)
[ -n "$victim" ] || die "no worker container to kill"
say "kill -s KILL worker container ${victim:0:12} (running: $(sql "SELECT count(*) FROM api.jobs WHERE status = 'running'"))"
$ENGINE kill -s KILL "$victim" >/dev/null
killed=1

drop "$((2 * third + 1))" "$FILES"
say "restarting redis"
$COMPOSE restart redis >/dev/null
redis_restarted=1
scale_workers "$WORKERS_UP" # brings the killed replica back if the engine did not
scale_workers "$WORKERS_DOWN"

final="'stored','duplicate','rejected','failed','split'"
say "waiting up to $WAIT_SECONDS s for every file to end"
deadline=$((SECONDS + WAIT_SECONDS))
while :; do
  done_count=$(sql "SELECT count(*) FROM api.jobs WHERE parent_job_id IS NULL AND source_name LIKE '$RUN-%' AND status IN ($final)")
  [ "$done_count" -ge "$FILES" ] && break
  [ $SECONDS -lt $deadline ] || break
  sleep 3
done
elapsed=$((SECONDS - T0))

IFS='|' read -r jobs final_jobs names lost doubled stored duplicate other < <(sql "
WITH top AS (SELECT * FROM api.jobs WHERE parent_job_id IS NULL AND source_name LIKE '$RUN-%'),
     per_name AS (SELECT source_name, count(*) AS n, bool_and(status IN ($final)) AS ended FROM top GROUP BY 1)
SELECT (SELECT count(*) FROM top),
       (SELECT count(*) FROM top WHERE status IN ($final)),
       (SELECT count(*) FROM per_name),
       $FILES - (SELECT count(*) FROM per_name WHERE n = 1 AND ended),
       (SELECT count(*) FROM per_name WHERE n > 1),
       (SELECT count(*) FROM top WHERE status = 'stored'),
       (SELECT count(*) FROM top WHERE status = 'duplicate'),
       (SELECT count(*) FROM top WHERE status NOT IN ('stored', 'duplicate'))")
twice=$(sql "SELECT count(*) FROM (SELECT source_name FROM api.articles WHERE source_name LIKE '$RUN-%'
             GROUP BY source_name HAVING count(*) > 1) t")
twice_jobs=$(sql "SELECT count(*) FROM (SELECT job_id FROM api.articles WHERE source_name LIKE '$RUN-%'
                  GROUP BY job_id HAVING count(*) > 1) t")

printf '\n%-34s %s\n' "check ($RUN)" "result"
printf '%-34s %s\n' "files dropped" "$FILES"
printf '%-34s %s\n' "workers scaled" "1 -> $WORKERS_UP -> $WORKERS_DOWN"
printf '%-34s %s\n' "worker container killed (SIGKILL)" "${killed:-0}"
printf '%-34s %s\n' "redis restarted" "${redis_restarted:-0}"
printf '%-34s %s\n' "jobs (top level)" "$jobs"
printf '%-34s %s\n' "jobs with a final status" "$final_jobs"
printf '%-34s %s\n' "  stored / duplicate / other" "$stored / $duplicate / $other"
printf '%-34s %s\n' "lost (no job, or not ended)" "$lost"
printf '%-34s %s\n' "doubled (more than one job)" "$doubled"
printf '%-34s %s\n' "articles stored twice" "$((twice + twice_jobs))"
printf '%-34s %s s\n' "elapsed" "$elapsed"

if [ "$lost" = 0 ] && [ "$doubled" = 0 ] && [ "$((twice + twice_jobs))" = 0 ] && [ "$names" = "$FILES" ]; then
  echo "smoke: PASS"
else
  echo "smoke: FAIL"
  exit 1
fi
