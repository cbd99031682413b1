#!/usr/bin/env bash
# Remakes the Neovim pictures of docs/editors.md: Neovim runs in a tmux pane of a fixed size
# with `ownlint server` attached to the seed document (fixtures/seed/OWNERSHIP.md), the pane
# is captured with its colours (tmux capture-pane -e) and rendered to SVG by Python's rich
# (pinned below, installed into a venv under target/), which GitHub shows as an image.
#
#   docs/images/make-screenshots.sh            # writes docs/images/neovim-*.svg
#
# OWNLINT names the binary (default: built here, target/debug/ownlint); NVIM the Neovim
# (default: nvim on PATH). Needs tmux.
set -euo pipefail

me="make-screenshots.sh"
root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/docs/images"
nvim="${NVIM:-nvim}"
columns=120
rows=30

for tool in tmux "$nvim" python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$me: $tool is not installed" >&2
        exit 1
    fi
done
if [ -z "${OWNLINT:-}" ]; then
    (cd "$root" && cargo build --locked --quiet --bin ownlint)
    OWNLINT="$root/target/debug/ownlint"
fi
ownlint="$(cd -- "$(dirname -- "$OWNLINT")" && pwd)/$(basename -- "$OWNLINT")"

venv="$root/target/screenshots-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check rich==15.0.0

work="$(mktemp -d "${TMPDIR:-/tmp}/ownlint-screens.XXXXXX")"
# A socket of our own: the session and its server go away with the folder, and no tmux
# server the person running this already has is touched.
socket="$work/tmux.sock"
tmux_server=""
cleanup() {
    tmux -S "$socket" kill-server 2>/dev/null || true
    if [ -n "$tmux_server" ]; then wait "$tmux_server" 2>/dev/null || true; fi
    rm -rf -- "$work"
}
trap cleanup EXIT
mkdir "$work/project" "$work/project/ownership"
cp "$root/fixtures/seed/OWNERSHIP.md" "$work/project/ownership/OWNERSHIP.md"
(cd "$work/project" && "$ownlint" init . >/dev/null 2>&1)

# The editor set up as docs/editors.md tells, plus what makes a readable picture: line
# numbers, diagnostics as virtual text (off by default from Neovim 0.11), and a file that
# says when the server has published, so that the capture waits for it, not for a guess.
cat > "$work/init.lua" <<LUA
local bin = "$ownlint"
vim.opt.number = true
vim.opt.signcolumn = "yes"
vim.opt.laststatus = 2
vim.diagnostic.config({ virtual_text = true, signs = true, underline = true })
if vim.lsp.config and vim.lsp.enable then
  vim.lsp.config("ownlint", {
    cmd = { bin, "server" },
    filetypes = { "markdown", "yaml" },
    root_markers = { ".ownlint.yaml", ".git" },
  })
  vim.lsp.enable("ownlint")
else
  vim.api.nvim_create_autocmd("FileType", {
    pattern = { "markdown", "yaml" },
    callback = function(args)
      local marker = vim.fn.findfile(".ownlint.yaml", vim.fn.expand("%:p:h") .. ";")
      local id = vim.lsp.start_client({
        name = "ownlint",
        cmd = { bin, "server" },
        root_dir = vim.fn.fnamemodify(marker, ":p:h"),
      })
      vim.lsp.buf_attach_client(args.buf, id)
    end,
  })
end
local function client()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = 0 })[1]
  end
  local _, found = next(vim.lsp.buf_get_clients(0))
  return found
end
-- The marker says too whether the server answers hover, which it does from a later version.
vim.api.nvim_create_autocmd("DiagnosticChanged", {
  callback = function()
    local attached = client()
    if #vim.diagnostic.get(0) > 0 and attached then
      local hover = attached.server_capabilities.hoverProvider and "hover" or "no-hover"
      vim.fn.writefile({ hover }, "$work/published")
    end
  end,
})
-- Hover at the cursor, and a marker once its floating window is open.
function _G.ownlint_hover()
  vim.lsp.buf.hover()
  local timer = vim.loop.new_timer()
  timer:start(50, 50, vim.schedule_wrap(function()
    for _, window in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(window).relative ~= "" then
        timer:stop()
        vim.fn.writefile({ "open" }, "$work/hovered")
      end
    end
  end))
end
-- A key, not a command line, so that the picture has no :lua line left at the bottom.
vim.keymap.set("n", "<F2>", ownlint_hover)
LUA

wait_for() { # wait_for FILE-OR-TEXT what: up to 15 s
    for _ in $(seq 150); do
        if eval "$1"; then return 0; fi
        sleep 0.1
    done
    echo "$me: timed out waiting for $2" >&2
    exit 1
}

render() { # render NAME TITLE: the pane as it is now, to docs/images/NAME.svg
    tmux -S "$socket" capture-pane -e -p -t "=screens:" > "$work/$1.ansi"
    "$venv/bin/python" - "$work/$1.ansi" "$out/$1.svg" "$2" "$columns" <<'PY'
import io
import sys
from rich.console import Console
from rich.text import Text

source, target, title, width = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True,
                  color_system="truecolor")
console.print(Text.from_ansi(open(source, encoding="utf-8").read().rstrip("\n")), end="")
# unique_id fixed: the same screen gives the same file, so a remake diffs only where the
# picture changed.
console.save_svg(target, title=title, unique_id="ownlint")
PY
    echo "$me: wrote ${out#"$root"/}/$1.svg"
}

# The tmux server runs in the foreground (-D) as a job of this script: as a daemon it needs a
# /dev/null that is a character device, which some sandboxes do not give.
tmux -D -S "$socket" -f /dev/null </dev/null >/dev/null 2>&1 &
tmux_server=$!
wait_for "test -S '$socket'" "the tmux server"

# Start at the Subscriptions domain, whose escalation contact is a placeholder.
tmux -S "$socket" new-session -d -s screens -x "$columns" -y "$rows" \
    -c "$work/project" \
    "TERM=tmux-256color '$nvim' --clean -u '$work/init.lua' +17 +'normal! zt' ownership/OWNERSHIP.md"
wait_for "test -s '$work/published'" "the server's diagnostics"
sleep 0.5 # the screen redraws after the event
render neovim-diagnostics "Neovim: ownlint server's diagnostics"

# The `who` card of the domain under the cursor, on its heading.
if [ "$(cat "$work/published")" != "hover" ]; then
    echo "$me: this ownlint server answers no hover: docs/images/neovim-hover.svg not made"
    exit 0
fi
tmux -S "$socket" send-keys -t "=screens:" "17G5|" F2
wait_for "test -s '$work/hovered'" "the hover window"
sleep 0.5
render neovim-hover "Neovim: ownlint server's hover on a domain"
