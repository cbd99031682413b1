//! The wire: JSON-RPC messages framed by `Content-Length` headers on stdin and stdout.
//!
//! lsp-server's reader thread ends the connection at the first message it cannot read; the
//! protocol asks for an error answer instead (`-32700` for text that is not JSON, `-32600` for
//! JSON that is not a message), and the server goes on. So the frames are read here, and only
//! the messages (lsp-server's types) are handed on.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender};

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// What arrives from the client.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that is not a message: the error to answer with, for the request id when the
    /// frame had one.
    Invalid {
        id: Value,
        code: ErrorCode,
        message: String,
    },
}

/// Read frames from `input` until it ends, and send what they hold to `to`.
pub fn read_into(input: impl Read, to: Sender<Incoming>) {
    let mut input = io::BufReader::new(input);
    loop {
        let incoming = match read_frame(&mut input) {
            Ok(Some(frame)) => parse(&frame),
            Ok(None) => return,
            Err(Frame::Broken(why)) => Incoming::Invalid {
                id: Value::Null,
                code: ErrorCode::ParseError,
                message: why,
            },
            Err(Frame::Io) => return,
        };
        let is_exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if to.send(incoming).is_err() || is_exit {
            return;
        }
    }
}

enum Frame {
    /// The headers could not be read; the body, if any, is skipped by the next read.
    Broken(String),
    /// The input failed or ended within a frame.
    Io,
}

/// The largest message read: a document edited in the editor is far smaller, and a client
/// that says more is not to be believed.
const LARGEST: usize = 256 << 20;

fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Frame> {
    let mut length = None;
    let mut line = String::new();
    let mut any_header = false;
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) if !any_header => return Ok(None),
            Ok(0) | Err(_) => return Err(Frame::Io),
            Ok(_) => {}
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if !any_header {
                continue; // blank lines between frames
            }
            break;
        }
        any_header = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
            if length.is_none() {
                return Err(Frame::Broken(format!(
                    "the Content-Length header is not a number: `{}`",
                    value.trim()
                )));
            }
        }
    }
    let Some(length) = length else {
        return Err(Frame::Broken(
            "a message without a Content-Length header".to_owned(),
        ));
    };
    if length > LARGEST {
        return Err(Frame::Broken(format!(
            "a message of {length} bytes, more than the {LARGEST} read"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).map_err(|_| Frame::Io)?;
    Ok(Some(body))
}

fn parse(frame: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(frame) {
        Ok(value) => value,
        Err(err) => {
            return Incoming::Invalid {
                id: Value::Null,
                code: ErrorCode::ParseError,
                message: format!("the message is not JSON: {err}"),
            };
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let looks_like_message = value.get("method").is_some_and(Value::is_string)
        || value.get("result").is_some()
        || value.get("error").is_some();
    if !looks_like_message {
        return Incoming::Invalid {
            id,
            code: ErrorCode::InvalidRequest,
            message: "not a JSON-RPC request, notification or response".to_owned(),
        };
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(err) => Incoming::Invalid {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!("not a JSON-RPC message: {err}"),
        },
    }
}

/// The server's side of the wire: messages written to `out`, each flushed at once.
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Writer<W> {
        Writer { out }
    }

    pub fn send(&mut self, message: Message) -> io::Result<()> {
        message.write(&mut self.out)?;
        self.out.flush()
    }

    /// An error answer to a frame that was not a message (its id may be `null`, which
    /// lsp-server's responses cannot carry).
    pub fn send_error(&mut self, id: Value, code: ErrorCode, message: &str) -> io::Result<()> {
        let body = json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code as i32, "message": message },
        })
        .to_string();
        write!(self.out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.out.flush()
    }
}

/// A channel of incoming messages fed by a thread reading stdin.
pub fn stdin_channel() -> Receiver<Incoming> {
    let (to, from) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("ownlint-server-stdin".to_owned())
        .spawn(move || read_into(io::stdin().lock(), to))
        .expect("a thread to read stdin");
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Incoming> {
        let (to, from) = std::sync::mpsc::channel();
        read_into(input.as_bytes(), to);
        from.into_iter().collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn broken_frames_are_answered_and_reading_goes_on() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#),
            frame(r#"{"jsonrpc":"2.0","id":8,"method":"shutdown"}"#),
        ]
        .concat();
        let got = frames(&input);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(matches!(
            &got[0],
            Incoming::Invalid {
                id: Value::Null,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(
            matches!(&got[1], Incoming::Invalid { id, code: ErrorCode::InvalidRequest, .. } if id == 7)
        );
        assert!(
            matches!(&got[2], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }

    #[test]
    fn a_frame_without_length_is_a_parse_error() {
        let input = format!(
            "X-Other: 1\r\n\r\n{}",
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#)
        );
        let got = frames(&input);
        assert!(matches!(
            &got[0],
            Incoming::Invalid {
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(
            matches!(got.last(), Some(Incoming::Message(Message::Notification(n))) if n.method == "exit")
        );
    }
}
