# Sourced by the bench scripts (after they set root, work and pids): free_port, and start_azurite, which starts an
# in-memory Azurite on free loopback ports (its pid added to pids, its log in $work/azurite.log), waits until it
# answers, and sets blob, queue, table, account and conn (the connection string with Azurite's public dev key).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_azurite() {
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  "$root/.tools/azurite/node_modules/.bin/azurite" --silent --inMemoryPersistence --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$work/azurite.log" 2>&1 &
  pids+=($!)
  local pid=$! deadline=$((SECONDS + 30))
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="  # Azurite's public dev key
  account=devstoreaccount1
  conn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
  until curl -s -o /dev/null "http://127.0.0.1:$blob/$account?comp=list"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "[bench] Azurite did not start" >&2; tail -20 "$work/azurite.log" >&2 || true; exit 1
    fi
    sleep 0.2
  done
}
