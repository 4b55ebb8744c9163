#!/usr/bin/env bash
# make package ARTIFACT=jvm|native: builds every function's Lambda zip in one kind and copies it to
# dist/<module>-<kind>.zip (the name the environments look for), then checks each and prints its size.
#   jvm:    mvn package (runtime java21, handler io.quarkus...QuarkusStreamHandler::handleRequest)
#   native: mvn -Pnative package (runtime provided.al2023, handler bootstrap; needs a container engine, and an
#           arm64 build host for an arm64 binary: see .github/workflows/native.yml). NATIVE_ZIPS_DIR=<dir> takes
#           zips built elsewhere (e.g. downloaded from that workflow) instead of building.
set -euo pipefail
cd "$(dirname "$0")/.."

kind="${ARTIFACT:-}"
if [[ "$kind" != "jvm" && "$kind" != "native" ]]; then
  echo "package: ARTIFACT must be jvm or native (got '${kind}'), e.g. make package ARTIFACT=jvm" >&2
  exit 2
fi
modules=()
for pom in *-fn/pom.xml; do modules+=("${pom%/pom.xml}"); done
list="$(IFS=,; echo "${modules[*]}")"
mvn="${MVN:-mvn -B}"

if [[ "$kind" == "jvm" ]]; then
  $mvn -q -DskipTests package -pl "$list" -am
elif [[ -n "${NATIVE_ZIPS_DIR:-}" ]]; then
  for m in "${modules[@]}"; do
    mkdir -p "$m/target" && cp "$NATIVE_ZIPS_DIR/$m/target/function.zip" "$m/target/function.zip"
  done
else
  $mvn -Pnative -DskipTests package -pl "$list" -am
fi

mkdir -p dist
rm -f dist/*-"$kind".zip
for m in "${modules[@]}"; do
  cp "$m/target/function.zip" "dist/$m-$kind.zip"
done
bash scripts/check-artifacts.sh "$kind" dist
for m in "${modules[@]}"; do
  printf '%-28s %6s MB\n' "dist/$m-$kind.zip" "$(awk "BEGIN { printf \"%.1f\", $(stat -c %s "dist/$m-$kind.zip") / 1048576 }")"
done
