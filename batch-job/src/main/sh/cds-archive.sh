#!/usr/bin/env bash
# Writes the batch job's class-data-sharing archive (AppCDS) for the JVM that will run it. Give it the production
# command without the day, as the orchestration module's batch_command holds it, e.g. in the image build:
#
#   RUN bash /opt/cost-guard/batch-job/cds-archive.sh java -XX:MaxRAMPercentage=75 ... \
#         -XX:SharedArchiveFile=/opt/cost-guard/batch-job/app-cds.jsa -Xshare:auto ... -jar /opt/cost-guard/batch-job/quarkus-run.jar
#
# Why in the image: an archive is valid only for the exact JVM build and the exact jar path that wrote it, so it
# must be written by the image's own `java` at the path the task runs (Quarkus's package-time archive records a
# relative path and the build machine's JVM). With -Xshare:auto in the command a missing or foreign archive only
# costs the start-up it would have saved: the JVM runs without it (its warning goes to stderr, stdout stays JSON).
#
# The training run is the job itself against a database that refuses at once (127.0.0.1:1, one attempt): it loads
# Quarkus, Hibernate ORM, Agroal, Narayana, Flyway's container and the driver, exits 3 (database unreachable) and the
# JVM writes the classes it loaded. No database and no credentials are needed.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: cds-archive.sh JAVA [JVM OPTIONS...] -XX:SharedArchiveFile=FILE ... -jar JAR" >&2; exit 2; }

archive=""
dump=()
for word in "$@"; do
  case "$word" in
    -XX:SharedArchiveFile=*) archive=${word#-XX:SharedArchiveFile=}; dump+=("-XX:ArchiveClassesAtExit=$archive") ;;
    -Xshare:*) ;;  # dumping needs the default sharing mode
    *) dump+=("$word") ;;
  esac
done
[ -n "$archive" ] || { echo "cds-archive.sh: the command has no -XX:SharedArchiveFile=FILE option: nothing to write" >&2; exit 2; }

training_env=(env DB_HOST=127.0.0.1 DB_PORT=1 DB_NAME=cds_training DB_USER=cds_training DB_PASSWORD=unused
  BATCH_CONNECT_ATTEMPTS=1 BATCH_CONNECT_BACKOFF=0S)
rm -f "$archive"
status=0
"${training_env[@]}" "${dump[@]}" 2000-01-01 >/dev/null 2>&1 || status=$?
[ "$status" -eq 3 ] || { rm -f "$archive"; echo "cds-archive.sh: the training run exited $status, expected 3 (database unreachable)" >&2; exit 1; }
[ -s "$archive" ] || { echo "cds-archive.sh: the JVM wrote no archive at $archive" >&2; exit 1; }

# The archive must map under the real command: -Xshare:on refuses to start if it does not.
check=()
for word in "$@"; do
  case "$word" in
    -Xshare:*) ;;
    *) check+=("$word") ;;
  esac
done
status=0
"${training_env[@]}" "${check[0]}" -Xshare:on "${check[@]:1}" 2000-01-01 >/dev/null 2>&1 || status=$?
[ "$status" -eq 3 ] || { rm -f "$archive"; echo "cds-archive.sh: $archive does not map under the command (exit $status with -Xshare:on)" >&2; exit 1; }
echo "cds-archive.sh: wrote $archive ($(du -k "$archive" | cut -f1) KiB) for $("${check[0]}" -XX:-UsePerfData -version 2>&1 | head -1)"
