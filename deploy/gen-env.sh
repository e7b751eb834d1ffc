#!/bin/sh
# Writes ./.env for compose (run it from the repository top): a copy of
# deploy/copydesk.env.example with random secrets (POSTGRES_PASSWORD,
# COPYDESK_DB_PASSWORD, REDIS_PASSWORD, COPYDESK_READER_PASSWORD) and INBOX_UID/INBOX_GID
# set to the caller's ids (run as root: left at 10001, the image's user, so the producer
# never runs as root; chown ./inbox to it). Mode 0600. An existing .env is kept: only secrets that are
# missing or empty in it are filled in, so running it again changes nothing.
# The secrets are 32 hex digits: safe inside the URLs compose builds from them.
set -eu
cd "$(dirname "$0")/.."
umask 077

secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

if [ ! -e .env ]; then
  uid=$(id -u) gid=$(id -g)
  [ "$uid" != 0 ] || uid=10001 gid=10001
  sed -e "s/^INBOX_UID=.*/INBOX_UID=$uid/" -e "s/^INBOX_GID=.*/INBOX_GID=$gid/" \
    deploy/copydesk.env.example >.env
  echo "gen-env: wrote .env from deploy/copydesk.env.example"
fi
chmod 600 .env

for name in POSTGRES_PASSWORD COPYDESK_DB_PASSWORD REDIS_PASSWORD COPYDESK_READER_PASSWORD; do
  if grep -q "^$name=..*" .env; then
    continue
  fi
  value=$(secret)
  if grep -q "^$name=" .env; then
    sed -i "s/^$name=\$/$name=$value/" .env
  else
    printf '%s=%s\n' "$name" "$value" >>.env
  fi
  echo "gen-env: generated $name"
done
