//! Live reload: SIGHUP swaps a new snapshot in without dropping a request; invalid files are rejected.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use crate::helpers::embedded_facts;

struct Server {
    child: Child,
    base: String,
    /// Every log line after `listening`, collected until the server exits.
    log: Option<std::thread::JoinHandle<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(data: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsfacts"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--workers",
            "2",
            "--log-format",
            "json",
            "--data",
        ])
        .arg(data)
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .expect("server starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("server logs its address").unwrap();
        let event: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        if event["message"] == "listening" {
            break event["addr"].as_str().unwrap().to_string();
        }
    };
    // Keep draining the logs so the server never blocks on a full pipe.
    let log = std::thread::spawn(move || lines.map_while(Result::ok).collect());
    Server {
        child,
        base: format!("http://{addr}"),
        log: Some(log),
    }
}

fn signal(server: &Server, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Writes `bytes` to `path` atomically, as an operator deploying a new store would.
fn replace(path: &std::path::Path, bytes: &[u8]) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn variant(drop_claims: usize) -> Vec<u8> {
    let mut facts = embedded_facts();
    facts["claims"].as_array_mut().unwrap().drain(..drop_claims);
    serde_json::to_vec_pretty(&facts).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sighup_swaps_snapshots_without_failing_a_request() {
    // Arrange: ten valid stores, each with a different number of claims, and two invalid ones.
    let dir = std::env::temp_dir().join(format!("newsfacts-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("facts.json");
    let mut expected: HashMap<String, u64> = HashMap::new(); // ETag -> claim count
    let mut valid = Vec::new();
    for k in 0..10 {
        let bytes = variant(k);
        let snapshot = newsfacts::store::load::parse_and_validate(&bytes, "variant").unwrap();
        expected.insert(
            format!("W/\"{}\"", snapshot.snapshot_id),
            snapshot.facts.claims.len() as u64,
        );
        valid.push(bytes);
    }
    let invalid_json = b"{\"format_version\": 1, \"articles\": [".to_vec();
    let mut dangling = embedded_facts();
    dangling["claims"][0]["article_id"] = Value::from("art_000000000000");
    let dangling = serde_json::to_vec(&dangling).unwrap();
    replace(&path, &valid[0]);
    let server = start(&path);
    let expected = Arc::new(expected);
    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = Arc::new(Mutex::new(HashSet::<String>::new()));
    let mut clients = Vec::new();
    for i in 0..8 {
        let (base, expected, stop, failures, seen) = (
            server.base.clone(),
            expected.clone(),
            stop.clone(),
            failures.clone(),
            seen.clone(),
        );
        clients.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let path = if i % 2 == 0 {
                    "/v1/claims?page_size=100"
                } else {
                    "/v1/snapshot"
                };
                match client.get(format!("{base}{path}")).send().await {
                    Err(e) => failures.lock().unwrap().push(format!("{path}: {e}")),
                    Ok(res) if res.status() != 200 => failures
                        .lock()
                        .unwrap()
                        .push(format!("{path}: {}", res.status())),
                    Ok(res) => {
                        let etag = res.headers()["etag"].to_str().unwrap().to_string();
                        let body: Value = res.json().await.unwrap();
                        let count = if i % 2 == 0 {
                            body["total_size"].as_u64()
                        } else {
                            body["claim_count"].as_u64()
                        };
                        if expected.get(&etag).copied() != count {
                            failures.lock().unwrap().push(format!(
                                "{path}: body of {count:?} claims under ETag {etag}"
                            ));
                        }
                        if i % 2 == 1 && format!("W/\"{}\"", body["id"].as_str().unwrap()) != etag {
                            failures
                                .lock()
                                .unwrap()
                                .push(format!("snapshot id {} under ETag {etag}", body["id"]));
                        }
                        seen.lock().unwrap().insert(etag);
                    }
                }
                n += 1;
            }
            n
        }));
    }

    // Act: twelve swaps, two of them invalid.
    let client = reqwest::Client::new();
    let current = |client: reqwest::Client, base: String| async move {
        let res = client
            .get(format!("{base}/v1/snapshot"))
            .send()
            .await
            .unwrap();
        res.headers()["etag"].to_str().unwrap().to_string()
    };
    let mut last_valid = current(client.clone(), server.base.clone()).await;
    let plan: Vec<Option<usize>> = vec![
        Some(1),
        Some(2),
        None,
        Some(3),
        Some(4),
        Some(5),
        Some(6),
        None,
        Some(7),
        Some(8),
        Some(9),
        Some(0),
    ];
    for (step, item) in plan.iter().enumerate() {
        match item {
            Some(k) => replace(&path, &valid[*k]),
            None if step < 5 => replace(&path, &invalid_json),
            None => replace(&path, &dangling),
        }
        signal(&server, "HUP");
        tokio::time::sleep(Duration::from_millis(400)).await;
        let now = current(client.clone(), server.base.clone()).await;
        match item {
            Some(_) => {
                assert_ne!(
                    now, last_valid,
                    "step {step}: a valid file was not swapped in"
                );
                last_valid = now;
            }
            None => assert_eq!(
                now, last_valid,
                "step {step}: an invalid file replaced the snapshot"
            ),
        }
    }
    stop.store(true, Ordering::Relaxed);
    let mut total = 0;
    for c in clients {
        total += c.await.unwrap();
    }

    // Assert
    let failures = failures.lock().unwrap().clone();
    assert!(
        failures.is_empty(),
        "{} of {total} requests failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let snapshots = seen.lock().unwrap().len();
    assert!(
        snapshots >= 8,
        "responses came from only {snapshots} snapshots"
    );
    assert!(total > 200, "only {total} requests were made");

    // A page token from an earlier snapshot is rejected, not silently resumed.
    let page = client
        .get(format!("{}/v1/claims?page_size=1", server.base))
        .send()
        .await
        .unwrap();
    let token = page.json::<Value>().await.unwrap()["next_page_token"]
        .as_str()
        .unwrap()
        .to_string();
    replace(&path, &valid[3]);
    signal(&server, "HUP");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let res = client
        .get(format!(
            "{}/v1/claims?page_size=1&page_token={token}",
            server.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let problem: Value = res.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("earlier snapshot"),
        "{problem}"
    );

    // SIGTERM stops the server cleanly.
    let mut server = server;
    signal(&server, "TERM");
    let status = server.child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
}

/// The embedded store written to `facts.json` in a fresh folder named after `tag`: (folder, file).
fn store_file(tag: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("newsfacts-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("facts.json");
    std::fs::write(&path, variant(0)).unwrap();
    (dir, path)
}

/// A plain TCP connection to `server`, its reads timing out after 20 s.
fn connect(server: &Server) -> std::net::TcpStream {
    let addr = server.base.trim_start_matches("http://");
    let stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// SIGTERM and SIGINT (Ctrl+C) both stop the server only after the response in flight is complete.
#[test]
fn stop_signals_let_the_response_in_flight_finish() {
    use std::io::{Read, Write};
    let (dir, path) = store_file("stop");
    for name in ["TERM", "INT"] {
        let mut server = start(&path);
        let mut stream = connect(&server);
        // Pipeline far more response bytes than the socket buffers hold and read none of them, so the
        // server is blocked in the middle of a response when the signal arrives.
        let request = b"GET /v1/claims?page_size=100 HTTP/1.1\r\nHost: x\r\n\r\n";
        stream.write_all(&request.repeat(500)).unwrap();
        std::thread::sleep(Duration::from_millis(500));
        signal(&server, name);
        std::thread::sleep(Duration::from_millis(300));
        // Closing a socket with pipelined requests still unread makes the kernel send a reset after the
        // last byte written; what was read before it is the stream.
        let mut bytes = Vec::new();
        if let Err(e) = stream.read_to_end(&mut bytes) {
            assert_eq!(
                e.kind(),
                std::io::ErrorKind::ConnectionReset,
                "SIG{name}: {e}"
            );
        }
        let complete = complete_responses(&bytes).unwrap_or_else(|rest| {
            panic!("SIG{name}: the stream ends inside a response ({rest} bytes)")
        });
        assert!(complete > 0, "SIG{name}: no response");
        let status = server.child.wait().unwrap();
        assert!(status.success(), "SIG{name}: exit status {status}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The log line of every request answered is written out before the server exits on SIGTERM, however
/// many are still queued for the writing thread.
#[test]
fn stopping_writes_out_every_log_line() {
    use std::io::{Read, Write};
    let (dir, path) = store_file("logflush");
    let mut server = start(&path);
    let mut stream = connect(&server);
    let requests = 300;
    let request = b"GET /v1/claims?page_size=1 HTTP/1.1\r\nHost: x\r\n\r\n";
    stream.write_all(&request.repeat(requests)).unwrap();
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    while complete_responses(&bytes) != Ok(requests) {
        let n = stream.read(&mut chunk).unwrap();
        assert!(n > 0, "the server closed the connection early");
        bytes.extend_from_slice(&chunk[..n]);
    }
    signal(&server, "TERM");
    let status = server.child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    let lines = server.log.take().unwrap().join().unwrap();
    let events: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let answered = events
        .iter()
        .filter(|e| e["message"] == "request completed" && e["route"] == "/v1/claims")
        .count();
    assert_eq!(answered, requests);
    assert_eq!(events.last().unwrap()["message"], "stopped");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Counts the 200 responses in a stream of pipelined responses with `Content-Length` bodies, or
/// returns how many bytes of an unfinished response trail it.
fn complete_responses(mut bytes: &[u8]) -> Result<usize, usize> {
    let mut count = 0;
    while !bytes.is_empty() {
        let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
            return Err(bytes.len());
        };
        let head = std::str::from_utf8(&bytes[..end]).unwrap();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().unwrap())
            })
            .expect("a Content-Length");
        if bytes.len() < end + 4 + length {
            return Err(bytes.len());
        }
        bytes = &bytes[end + 4 + length..];
        count += 1;
    }
    Ok(count)
}

/// SIGHUP reloads a snapshot as well as JSON: the same store gives the same answers and ETag in either
/// form, and a damaged snapshot is rejected while the current store keeps serving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_snapshots_and_rejects_damaged_ones() {
    let dir = std::env::temp_dir().join(format!("newsfacts-snapreload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("facts.data");
    let (first, second) = (variant(0), variant(2));
    let snapshot = newsfacts::store::snapshot::encode(
        &newsfacts::store::load::parse_and_validate(&second, "variant").unwrap(),
    );
    let mut damaged = snapshot.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 1;
    replace(&path, &first);
    let server = start(&path);
    let client = reqwest::Client::new();
    let answers = |client: reqwest::Client, base: String| async move {
        let mut out = Vec::new();
        for route in [
            "/v1/snapshot",
            "/v1/claims?page_size=100&sort=amount_desc",
            "/v1/articles",
            "/v1/entities?page_size=100",
        ] {
            let res = client.get(format!("{base}{route}")).send().await.unwrap();
            assert_eq!(res.status(), 200, "{route}");
            let etag = res.headers()["etag"].to_str().unwrap().to_string();
            out.push((etag, res.text().await.unwrap()));
        }
        out
    };
    let mut seen = vec![answers(client.clone(), server.base.clone()).await];
    // Act: the snapshot of the second store, a damaged snapshot, the first store, the second as JSON.
    for bytes in [&snapshot, &damaged, &first, &second] {
        replace(&path, bytes);
        signal(&server, "HUP");
        tokio::time::sleep(Duration::from_millis(500)).await;
        seen.push(answers(client.clone(), server.base.clone()).await);
    }
    // Assert
    let [first_json, from_snapshot, after_damage, first_again, second_json] = &seen[..] else {
        unreachable!()
    };
    assert!(
        from_snapshot != first_json,
        "the snapshot was not swapped in"
    );
    assert!(
        after_damage == from_snapshot,
        "a damaged snapshot was swapped in"
    );
    assert!(first_again == first_json);
    assert!(
        second_json == from_snapshot,
        "the snapshot answers differently from its JSON"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
