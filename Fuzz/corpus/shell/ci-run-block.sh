set -euo pipefail
python -m pip install --upgrade pip
pip install -e ".[training]"  # extras, not a train command
cd src && PYTHONPATH=. uv run --extra dev python -m pytest -q tests/unit \
  --cov=src --cov-report=xml
echo 'add pytest later'
if [ "${{ matrix.os }}" = "ubuntu-latest" ]; then
  sudo -E bash -c "make -C docs html && echo done"
fi
(cd notebooks; conda run -n ml jupyter nbconvert --execute *.ipynb) | tee log.txt
VERSION=$(git describe --tags `git rev-parse HEAD`)
cat <<EOF > config.yaml
model: $VERSION
EOF
npx -y prettier --check . || pnpm exec eslint src
