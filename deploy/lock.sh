#!/usr/bin/env bash
# Regenerates the two lock files at the repository top from pyproject.toml, with a
# sha256 for every file pip may download (all platforms, Python 3.11 and later):
#
#   requirements.lock       the service: the package's dependencies and the `flower`
#                           extra, plus setuptools to build copydesk itself offline
#                           (deploy/Dockerfile)
#   requirements-test.lock  the same versions plus the `test` extra (.ci/run, README)
#
# The test lock is resolved with the service lock as constraints, so the tests run the
# versions the image ships. Needs uv (`pip install uv`); run it from anywhere after
# changing a dependency in pyproject.toml, and commit both files.
#
#   deploy/lock.sh              # keep the locked versions that still satisfy pyproject.toml
#   deploy/lock.sh --upgrade    # newest versions allowed by pyproject.toml
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}
common=(--universal --python-version 3.11 --generate-hashes --index-url https://pypi.org/simple
        --custom-compile-command "deploy/lock.sh" "$@")

# setuptools (copydesk's build backend) and mypy (its mypyc compiles the text-dump
# parser: setup.py) are the [build-system] requirements in pyproject.toml: locked too, so
# `pip install --no-build-isolation` builds copydesk from hashed files only.
build=$'setuptools>=68\nmypy>=1.10'
echo "$build" | "$UV" pip compile pyproject.toml - --extra flower \
  "${common[@]}" -o requirements.lock
echo "$build" | "$UV" pip compile pyproject.toml - --extra flower --extra test \
  -c requirements.lock "${common[@]}" -o requirements-test.lock
