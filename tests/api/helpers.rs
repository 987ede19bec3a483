use std::path::PathBuf;
use std::sync::LazyLock;

use newsfacts::startup::{Application, Settings};
use serde_json::Value;

/// The test binary's log writer, kept for its whole run.
static TRACING: LazyLock<Option<newsfacts::telemetry::LogGuard>> = LazyLock::new(|| {
    std::env::var_os("TEST_LOG")
        .and_then(|_| newsfacts::telemetry::init(newsfacts::telemetry::LogFormat::Pretty))
});

/// A running server and a client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
}

/// Starts the server on the embedded store.
pub async fn spawn_app() -> TestApp {
    spawn_with(None).await
}

/// Starts the server on `data` (or the embedded store).
pub async fn spawn_with(data: Option<PathBuf>) -> TestApp {
    let mut settings = Settings::new("127.0.0.1:0", data);
    settings.workers = Some(1);
    spawn_with_settings(settings).await
}

/// Starts the server with `settings`.
pub async fn spawn_with_settings(settings: Settings) -> TestApp {
    LazyLock::force(&TRACING);
    let app = Application::build(&settings).expect("server builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .expect("client builds");
    TestApp { address, client }
}

impl TestApp {
    /// GET `path` (with query) and return the response.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.address, path))
            .send()
            .await
            .expect("request sent")
    }

    /// GET `path`, assert 200 JSON, return the body.
    pub async fn json(&self, path: &str) -> Value {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        assert_eq!(
            res.headers()["content-type"],
            "application/json",
            "GET {path}"
        );
        res.json().await.expect("JSON body")
    }

    /// GET `path`, assert `status` with a problem+json body, return the body.
    pub async fn problem(&self, path: &str, status: u16) -> Value {
        let res = self.get(path).await;
        assert_problem(res, status, path).await
    }

    /// Every item of a list, following `next_page_token` with `page_size`.
    pub async fn all_pages(&self, path: &str, page_size: usize) -> Vec<Value> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut url = format!("{path}{sep}page_size={page_size}");
            if let Some(t) = &token {
                url.push_str(&format!("&page_token={t}"));
            }
            let page = self.json(&url).await;
            let data = page["data"].as_array().expect("data array");
            assert!(data.len() <= page_size, "{url}: page larger than page_size");
            items.extend(data.iter().cloned());
            match page["next_page_token"].as_str() {
                Some(t) => token = Some(t.to_string()),
                None => {
                    assert_eq!(
                        page["total_size"].as_u64().unwrap() as usize,
                        items.len(),
                        "{path}: total_size"
                    );
                    return items;
                }
            }
        }
    }
}

/// Asserts a problem+json response with `status` and returns its body.
pub async fn assert_problem(res: reqwest::Response, status: u16, what: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "{what}");
    assert_eq!(
        res.headers()["content-type"],
        "application/problem+json",
        "{what}"
    );
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    let body: Value = res.json().await.expect("problem body");
    assert_eq!(body["status"], status, "{what}");
    assert!(
        body["type"].is_string() && body["title"].is_string() && body["detail"].is_string(),
        "{what}: {body}"
    );
    assert_eq!(body["request_id"], request_id.as_str(), "{what}");
    body
}

/// The embedded store's content, for tests that derive variants of it.
pub fn embedded_facts() -> Value {
    serde_json::from_slice(newsfacts::store::EMBEDDED_FACTS).unwrap()
}

/// Writes `facts` to a fresh temporary file and returns its path.
pub fn write_temp(name: &str, facts: &Value) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsfacts-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(facts).unwrap()).unwrap();
    path
}

/// Ids of a list of objects.
pub fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect()
}
