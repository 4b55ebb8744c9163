#!/usr/bin/env bash
# check-artifacts.sh KIND DIR: every function's dist zip exists and is of KIND, before Terraform runs.
#   native: a `bootstrap` executable at the zip's root (what provided.al2023 starts), an ELF binary for the
#           functions' CPU (arm64 = ELF machine aarch64; ARCH=x86_64 for x86-64 functions): an x86-64 binary
#           built on a laptop deploys to arm64 functions and fails every invocation;
#   jvm:    no bootstrap, and the Quarkus Lambda stream handler class inside (what java21 starts).
set -euo pipefail
kind="${1:?usage: check-artifacts.sh jvm|native DIR}"
dir="${2:?usage: check-artifacts.sh jvm|native DIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
handler_class='io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class'

arch="${ARCH:-arm64}"

fail() { echo "artifact check: $*" >&2; exit 1; }

# The ELF machine of a binary (e_machine, 2 bytes little-endian at offset 18), or "not ELF".
elf_machine() {
  local magic machine
  magic="$(od -An -tx1 -N4 "$1" | tr -d ' \n')"
  [[ "$magic" == "7f454c46" ]] || { echo "not ELF"; return; }
  machine="$(od -An -tu2 -j18 -N2 --endian=little "$1" | tr -d ' \n')"
  case "$machine" in
    183) echo aarch64 ;;
    62) echo x86-64 ;;
    *) echo "machine $machine" ;;
  esac
}
[[ "$kind" == "jvm" || "$kind" == "native" ]] || fail "kind must be jvm or native, not '$kind'"
case "$arch" in
  arm64) want=aarch64 ;;
  x86_64) want=x86-64 ;;
  *) fail "ARCH must be arm64 or x86_64, not '$arch'" ;;
esac
command -v unzip >/dev/null 2>&1 || fail "unzip is needed to inspect the packages (apt-get install unzip)"

for pom in "$root"/*-fn/pom.xml; do
  m="$(basename "$(dirname "$pom")")"
  zip="$dir/$m-$kind.zip"
  [[ -f "$zip" ]] || fail "$zip is missing: run make package ARTIFACT=$kind"
  entries="$(unzip -Z1 "$zip" 2>/dev/null)" || fail "$zip is not a zip file"
  if [[ "$kind" == "native" ]]; then
    grep -qx 'bootstrap' <<<"$entries" ||
      fail "$zip has no bootstrap at its root, so it is not a native package (a JVM build named native?): build it with make package ARTIFACT=native, or deploy artifact_kind = \"jvm\""
    tmp="$(mktemp -d)"
    unzip -qq -o "$zip" bootstrap -d "$tmp"
    got="$(elf_machine "$tmp/bootstrap")"
    rm -rf "$tmp"
    [[ "$got" == "$want" ]] ||
      fail "$zip's bootstrap is $got, but the functions run on $arch ($want): build it on an $arch host (.github/workflows/native.yml builds arm64), or deploy artifact_kind = \"jvm\""
  else
    ! grep -qx 'bootstrap' <<<"$entries" ||
      fail "$zip holds a native bootstrap, not a JVM package: build it with make package ARTIFACT=jvm, or deploy artifact_kind = \"native\""
    found=0
    if grep -qx "$handler_class" <<<"$entries"; then found=1; fi
    if ((found == 0)); then
      tmp="$(mktemp -d)"
      unzip -qq -o "$zip" '*.jar' -d "$tmp" 2>/dev/null || true
      while IFS= read -r jar; do
        if unzip -Z1 "$jar" 2>/dev/null | grep -qx "$handler_class"; then found=1; break; fi
      done < <(find "$tmp" -name '*.jar')
      rm -rf "$tmp"
    fi
    ((found == 1)) || fail "$zip does not contain the JVM handler ${handler_class%.class}; is it a Quarkus Lambda package?"
  fi
done
echo "ok   artifacts in $dir are $kind packages"
