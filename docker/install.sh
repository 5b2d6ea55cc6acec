#!/bin/sh
# Install Heard the way production runs it: build the wheel from the source tree SRC, install it (not
# editable) into a fresh virtualenv VENV, and train the theming model from the corpus the package ships.
# docker/Dockerfile runs this, and so does tests/packaging, so the image is what the test exercised.
# Usage: docker/install.sh SRC VENV   (PYTHON picks the interpreter; pip's own settings apply)
set -eu
src=$(cd "$1" && pwd)
venv=$2
python=${PYTHON:-python3}
wheels=$(mktemp -d)
trap 'rm -rf "$wheels"' EXIT
"$python" -m venv "$venv"
venv=$(cd "$venv" && pwd)
# Built from a copy of what a release contains, so build/, *.egg-info, caches and a model trained in SRC
# never reach the wheel.
mkdir "$wheels/src"
(cd "$src" && cp -R pyproject.toml README.md LICENSE platform nlp surveys dashboards "$wheels/src/")
rm -rf "$wheels/src/nlp/model"
find "$wheels/src" -name __pycache__ -prune -exec rm -rf {} +
"$venv/bin/pip" wheel --quiet --no-deps --wheel-dir "$wheels/dist" "$wheels/src"
"$venv/bin/pip" install --quiet "$wheels"/dist/heard-*.whl
# From outside any checkout, so only the installed package's files can be found.
cd /
"$venv/bin/heard" nlp train
