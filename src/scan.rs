//! Malware scanning of uploads by a ClamAV daemon (clamd), when one is configured. A file is
//! streamed to clamd with the INSTREAM command at the same time as it is streamed to storage;
//! the verdict comes before the upload is completed, so an infected file never becomes a stored
//! object. When clamd cannot be reached, uploads are refused rather than stored unscanned.

use anyhow::{bail, Context};
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Where clamd listens.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Address {
    Tcp(String),
    Unix(PathBuf),
}

/// A configured clamd.
#[derive(Debug, Clone)]
pub struct Scanner {
    address: Address,
    timeout: Duration,
}

/// What clamd found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The name of the signature that matched.
    Infected(String),
}

trait Connection: AsyncRead + AsyncWrite + Send {}
impl<T: AsyncRead + AsyncWrite + Send> Connection for T {}

/// A file being streamed to clamd.
pub struct Scan {
    connection: Pin<Box<dyn Connection>>,
    timeout: Duration,
}

/// Longest reply read from clamd.
const REPLY_MAX: usize = 4096;

impl Scanner {
    /// `tcp://host:port` or `unix:/path/to/clamd.ctl`.
    pub fn new(address: &str, timeout: Duration) -> anyhow::Result<Scanner> {
        let address = if let Some(rest) = address.strip_prefix("tcp://") {
            if !rest.contains(':') {
                bail!("scan.clamd: `{address}` needs a port, e.g. tcp://127.0.0.1:3310");
            }
            Address::Tcp(rest.to_owned())
        } else if let Some(rest) = address.strip_prefix("unix:") {
            Address::Unix(PathBuf::from(rest))
        } else {
            bail!("scan.clamd: `{address}` must start with tcp:// or unix:");
        };
        Ok(Scanner { address, timeout })
    }

    async fn connect(&self) -> anyhow::Result<Pin<Box<dyn Connection>>> {
        within(self.timeout, async {
            Ok::<Pin<Box<dyn Connection>>, std::io::Error>(match &self.address {
                Address::Tcp(addr) => Box::pin(tokio::net::TcpStream::connect(addr).await?),
                Address::Unix(path) => Box::pin(tokio::net::UnixStream::connect(path).await?),
            })
        })
        .await
    }

    /// Opens an INSTREAM scan.
    pub async fn begin(&self) -> anyhow::Result<Scan> {
        let mut connection = self.connect().await?;
        within(self.timeout, connection.write_all(b"zINSTREAM\0")).await?;
        Ok(Scan {
            connection,
            timeout: self.timeout,
        })
    }

    /// Checks that clamd answers (for the readiness check).
    pub async fn ping(&self) -> anyhow::Result<()> {
        let mut connection = self.connect().await?;
        within(self.timeout, connection.write_all(b"zPING\0")).await?;
        let reply = read_reply(&mut connection, self.timeout).await?;
        if reply == "PONG" {
            Ok(())
        } else {
            bail!("clamd answered `{reply}` to PING")
        }
    }
}

impl Scan {
    /// Sends the next part of the file.
    pub async fn write(&mut self, chunk: &[u8]) -> anyhow::Result<()> {
        if chunk.is_empty() {
            // A zero length ends the stream, so an empty part is not sent.
            return Ok(());
        }
        let len = u32::try_from(chunk.len()).context("part too large for clamd")?;
        within(self.timeout, self.connection.write_all(&len.to_be_bytes())).await?;
        within(self.timeout, self.connection.write_all(chunk)).await
    }

    /// Ends the stream and reads clamd's verdict.
    pub async fn finish(mut self) -> anyhow::Result<Verdict> {
        within(self.timeout, self.connection.write_all(&0u32.to_be_bytes())).await?;
        let reply = read_reply(&mut self.connection, self.timeout).await?;
        parse_reply(&reply)
    }
}

/// Runs one exchange with clamd, failing when it takes longer than `timeout`.
async fn within<T, F: std::future::Future<Output = std::io::Result<T>>>(
    timeout: Duration,
    io: F,
) -> anyhow::Result<T> {
    tokio::time::timeout(timeout, io)
        .await
        .context("clamd did not answer in time")?
        .context("talking to clamd")
}

/// Reads one NUL-terminated reply.
async fn read_reply(
    connection: &mut Pin<Box<dyn Connection>>,
    timeout: Duration,
) -> anyhow::Result<String> {
    let mut reply = Vec::new();
    let read = async {
        let mut buf = [0u8; 512];
        loop {
            let n = connection.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            reply.extend_from_slice(&buf[..n]);
            if reply.contains(&0) || reply.len() > REPLY_MAX {
                break;
            }
        }
        Ok::<_, std::io::Error>(())
    };
    within(timeout, read).await?;
    let end = reply.iter().position(|&b| b == 0).unwrap_or(reply.len());
    Ok(String::from_utf8_lossy(&reply[..end]).trim().to_owned())
}

/// `stream: OK`, `stream: <signature> FOUND`, or an error such as
/// `INSTREAM size limit exceeded. ERROR`.
fn parse_reply(reply: &str) -> anyhow::Result<Verdict> {
    let body = reply.strip_prefix("stream:").map(str::trim);
    match body {
        Some("OK") => Ok(Verdict::Clean),
        Some(found) if found.ends_with(" FOUND") => Ok(Verdict::Infected(
            found.trim_end_matches(" FOUND").trim().to_owned(),
        )),
        _ => bail!("clamd could not scan the file: {reply}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_as_verdicts_or_errors() {
        assert_eq!(parse_reply("stream: OK").unwrap(), Verdict::Clean);
        assert_eq!(
            parse_reply("stream: Eicar-Signature FOUND").unwrap(),
            Verdict::Infected("Eicar-Signature".into())
        );
        assert!(parse_reply("INSTREAM size limit exceeded. ERROR").is_err());
        assert!(parse_reply("").is_err());
    }

    #[test]
    fn addresses_name_their_transport() {
        let t = Duration::from_secs(1);
        assert_eq!(
            Scanner::new("tcp://127.0.0.1:3310", t).unwrap().address,
            Address::Tcp("127.0.0.1:3310".into())
        );
        assert_eq!(
            Scanner::new("unix:/run/clamav/clamd.ctl", t)
                .unwrap()
                .address,
            Address::Unix("/run/clamav/clamd.ctl".into())
        );
        assert!(Scanner::new("127.0.0.1:3310", t).is_err());
        assert!(Scanner::new("tcp://localhost", t).is_err());
    }
}
