#!/usr/bin/env bash
# make package ARTIFACT=jvm|native: builds every function's Lambda zip in one kind and copies it to
# dist/<module>-<kind>.zip (the name the environments look for), then checks each and prints its size.
#   jvm:    mvn package (runtime java21, handler io.quarkus...QuarkusStreamHandler::handleRequest)
#   native: mvn -Pnative package (runtime provided.al2023, handler bootstrap; needs a container engine, and an
#           arm64 build host for an arm64 binary: see .github/workflows/native.yml). NATIVE_ZIPS_DIR=<dir> takes
#           zips built elsewhere instead of building, in either layout: <dir>/<module>/target/function.zip (a build
#           tree) or <dir>/<module>-native.zip (what that workflow uploads).
# DIST_DIR=<dir> writes the zips there instead of dist/.
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
elif [[ -z "${NATIVE_ZIPS_DIR:-}" ]]; then
  $mvn -Pnative -DskipTests package -pl "$list" -am
fi

# Where each module's zip is: the build tree, or the zips given.
source_zip() {
  local m="$1" given="${NATIVE_ZIPS_DIR:-}"
  if [[ "$kind" == "jvm" || -z "$given" ]]; then
    echo "$m/target/function.zip"
  elif [[ -f "$given/$m/target/function.zip" ]]; then
    echo "$given/$m/target/function.zip"
  elif [[ -f "$given/$m-native.zip" ]]; then
    echo "$given/$m-native.zip"
  else
    echo "package: $given holds neither $m/target/function.zip nor $m-native.zip" >&2
    return 1
  fi
}

dist="${DIST_DIR:-dist}"
mkdir -p "$dist"
rm -f "$dist"/*-"$kind".zip
for m in "${modules[@]}"; do
  zip="$(source_zip "$m")"
  cp "$zip" "$dist/$m-$kind.zip"
done
bash scripts/check-artifacts.sh "$kind" "$dist"
for m in "${modules[@]}"; do
  printf '%-28s %6s MB\n' "$dist/$m-$kind.zip" "$(awk "BEGIN { printf \"%.1f\", $(stat -c %s "$dist/$m-$kind.zip") / 1048576 }")"
done
