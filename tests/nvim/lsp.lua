-- Neovim as the client of `ownlint server`, run by tests/nvim-lsp.sh:
--
--   OWNLINT_ROOT     a folder with .ownlint.yaml and ownership/OWNERSHIP.md
--   OWNLINT_BIN      the ownlint binary
--   OWNLINT_EXPECTED `ownlint check --format json` on that file, run in that folder
--   OWNLINT_DOCS     docs/editors.md, whose set-up for this Neovim version is run as written
--
-- It runs the set-up, opens the document, and checks that what Neovim shows is what `ownlint check` says about the same
-- text: before an edit, after an edit that fixes one finding, and after a line inserted at
-- the top moves every finding down. Then the hover on a domain's heading must name its owner.

local root = assert(os.getenv("OWNLINT_ROOT"), "OWNLINT_ROOT is not set")
local bin = assert(os.getenv("OWNLINT_BIN"), "OWNLINT_BIN is not set")
local expected_path = assert(os.getenv("OWNLINT_EXPECTED"), "OWNLINT_EXPECTED is not set")
local docs = assert(os.getenv("OWNLINT_DOCS"), "OWNLINT_DOCS is not set")
local relative = "ownership/OWNERSHIP.md"
local timeout_ms = 15000

local function fail(message)
  io.stderr:write("nvim-lsp: FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function read(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

-- vim.diagnostic columns are bytes from 0; ownlint's JSON gives each span's byte offset into
-- the file, so both sides are turned into (line, byte column) from the same text.
local function line_starts(text)
  local starts = { 0 }
  for position in text:gmatch("()\n") do
    table.insert(starts, position) -- the byte after "\n", as an offset from 0
  end
  return starts
end

local function locate(starts, offset)
  local line = 1
  while line < #starts and starts[line + 1] <= offset do
    line = line + 1
  end
  return line - 1, offset - starts[line]
end

local severities = {
  error = vim.diagnostic.severity.ERROR,
  warning = vim.diagnostic.severity.WARN,
  info = vim.diagnostic.severity.INFO,
  hint = vim.diagnostic.severity.HINT,
}

-- One finding as text, lines and columns from 1 as ownlint prints them, columns in bytes.
local function key(code, severity, lnum, col, end_lnum, end_col, message)
  return string.format("%d:%d-%d:%d %s sev=%s %s", lnum + 1, col + 1, end_lnum + 1, end_col + 1,
    tostring(code), tostring(severity), message)
end

-- What `ownlint check --format json` reported about `text`, as sorted keys.
local function expected_keys(report, text)
  local starts = line_starts(text)
  local keys = {}
  for _, finding in ipairs(report.diagnostics) do
    if finding.file ~= relative then
      fail("ownlint check reported on another file: " .. tostring(finding.file))
    end
    local severity = severities[finding.severity]
    if not severity then
      fail("unknown severity in ownlint check's JSON: " .. tostring(finding.severity))
    end
    local span = finding.span
    local lnum, col = locate(starts, span.offset)
    local end_lnum, end_col = locate(starts, span.offset + span.length)
    table.insert(keys, key(finding.code, severity, lnum, col, end_lnum, end_col, finding.message))
  end
  table.sort(keys)
  return keys
end

-- What Neovim holds for the buffer. The server's message is the finding's message, then
-- its label and help on further lines: the first line is what check's JSON calls message.
local function shown_keys(bufnr)
  local keys = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local first = vim.split(d.message, "\n", { plain = true })[1]
    table.insert(keys, key(d.code, d.severity, d.lnum, d.col, d.end_lnum, d.end_col, first))
  end
  table.sort(keys)
  return keys
end

local function same(a, b)
  if #a ~= #b then
    return false
  end
  for i = 1, #a do
    if a[i] ~= b[i] then
      return false
    end
  end
  return true
end

local function difference(shown, wanted)
  local lines = {}
  local in_shown, in_wanted = {}, {}
  for _, k in ipairs(shown) do
    in_shown[k] = (in_shown[k] or 0) + 1
  end
  for _, k in ipairs(wanted) do
    in_wanted[k] = (in_wanted[k] or 0) + 1
  end
  for k, n in pairs(in_wanted) do
    if (in_shown[k] or 0) < n then
      table.insert(lines, "  missing:    " .. k)
    end
  end
  for k, n in pairs(in_shown) do
    if (in_wanted[k] or 0) < n then
      table.insert(lines, "  unexpected: " .. k)
    end
  end
  table.sort(lines)
  return table.concat(lines, "\n")
end

-- Wait until Neovim shows exactly `wanted`; the server publishes once per batch of edits,
-- so an intermediate state is allowed, only the settled one is judged.
local function expect(bufnr, wanted, when)
  local settled = vim.wait(timeout_ms, function()
    return same(shown_keys(bufnr), wanted)
  end, 50)
  if not settled then
    local shown = shown_keys(bufnr)
    fail(string.format("%s: Neovim shows %d diagnostics, ownlint check says %d:\n%s",
      when, #shown, #wanted, difference(shown, wanted)))
  end
end

-- `ownlint check` on the buffer's text as it is now, in the document's place.
local function check_buffer(bufnr)
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), "\n") .. "\n"
  local out = vim.fn.system({ bin, "check", "--format", "json", "--stdin-filename", relative, "-" },
    text)
  if vim.v.shell_error ~= 0 and vim.v.shell_error ~= 1 then
    fail("ownlint check on the edited buffer exited " .. vim.v.shell_error .. ":\n" .. out)
  end
  return expected_keys(vim.fn.json_decode(out), text), text
end

-- Which documented set-up ran, for the summary.
local setup_name

-- The ```lua block of docs/editors.md that holds `needle`: the set-up a reader copies.
local function documented(needle)
  local text = read(docs)
  for block in text:gmatch("\n```lua\n(.-)\n```") do
    if block:find(needle, 1, true) then
      return block
    end
  end
  fail("docs/editors.md has no ```lua block with " .. needle)
end

-- Set Neovim up with the Lua docs/editors.md gives for its version, as it is written there
-- (`ownlint` is found on PATH, which the script points at the binary under test), then open
-- the document: its FileType starts the server.
local function attach(path)
  -- OWNLINT_SETUP picks an older set-up, which a newer Neovim still runs: 0.11 runs the
  -- 0.8 to 0.10 one too, so each documented block can be tested somewhere.
  local setups = {
    enable = "vim.lsp.enable(",
    start = "vim.lsp.start(",
    start_client = "vim.lsp.start_client(",
  }
  local chosen = os.getenv("OWNLINT_SETUP") or ""
  local needle = setups[chosen]
  if chosen ~= "" and not needle then
    fail("OWNLINT_SETUP is enable, start or start_client, not " .. chosen)
  elseif needle then
    setup_name = chosen
  elseif vim.lsp.config and vim.lsp.enable then
    needle, setup_name = setups.enable, "enable"
  elseif vim.lsp.start then
    needle, setup_name = setups.start, "start"
  else
    needle, setup_name = setups.start_client, "start_client"
  end
  local setup, err = loadstring(documented(needle), "docs/editors.md (" .. needle .. ")")
  if not setup then
    fail("the documented Lua does not load: " .. err)
  end
  setup()
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function client_of(bufnr)
  if vim.lsp.get_clients then -- 0.10+
    return vim.lsp.get_clients({ bufnr = bufnr })[1]
  end
  -- 0.7 to 0.9: get_active_clients takes no filter before 0.8, buf_get_clients does.
  local _, client = next(vim.lsp.buf_get_clients(bufnr))
  return client
end

local function hover_text(result)
  local contents = result and result.contents
  if type(contents) == "string" then
    return contents
  elseif type(contents) == "table" and contents.value then
    return contents.value
  elseif type(contents) == "table" then
    local parts = {}
    for _, part in ipairs(contents) do
      table.insert(parts, type(part) == "string" and part or part.value)
    end
    return table.concat(parts, "\n")
  end
  return ""
end

local function request(bufnr, client, method, params)
  local answers = vim.lsp.buf_request_sync(bufnr, method, params, timeout_ms)
  local answer = answers and answers[client.id]
  if not answer then
    fail("no answer to " .. method .. " within " .. timeout_ms .. " ms")
  end
  if answer.err then
    fail(method .. " answered an error: " .. vim.inspect(answer.err))
  end
  return answer.result
end

-- The 0-based line of each "### <name> Domain" heading of the buffer, by name.
local function domain_headings(bufnr)
  local headings = {}
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)) do
    local name = line:match("^### (.+) Domain$")
    if name then
      headings[name] = i - 1
    end
  end
  return headings
end

-- Go to definition from each domain named in a shared-ownership agreement lands on that
-- domain's heading.
local function check_definition(bufnr, client)
  local headings = domain_headings(bufnr)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)) do
    local names_start, names = line:match("^%- %*%*()(.-)%*%*:")
    if names and names:find(" + ", 1, true) then
      local checked = {}
      local offset = names_start - 1
      for _, name in ipairs(vim.split(names, " + ", { plain = true })) do
        if not headings[name] then
          fail("the agreement at line " .. i .. " names `" .. name .. "`, which has no heading")
        end
        -- The middle of the name: not an edge, where "which name" could be a matter of taste.
        local column = offset + math.floor(#name / 2)
        local result = request(bufnr, client, "textDocument/definition", {
          textDocument = { uri = vim.uri_from_bufnr(bufnr) },
          position = { line = i - 1, character = column },
        })
        local location = result and (result[1] or result)
        local range = location and (location.targetSelectionRange or location.range)
        if not (range and range.start.line == headings[name]) then
          fail(string.format("definition of `%s` (line %d, column %d) should be its heading, "
            .. "line %d; got %s", name, i, column + 1, headings[name] + 1, vim.inspect(result)))
        end
        table.insert(checked, name)
        offset = offset + #name + #" + "
      end
      return table.concat(checked, "`, `")
    end
  end
  fail("no shared-ownership agreement in the document")
end

-- The outline has one top-level symbol per domain heading, named after the domain.
local function check_symbols(bufnr, client)
  local result = request(bufnr, client, "textDocument/documentSymbol",
    { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }) or {}
  local lines = {}
  for _, symbol in ipairs(result) do
    local range = symbol.selectionRange or symbol.location.range
    lines[symbol.name] = range.start.line
  end
  local count = 0
  for name, line in pairs(domain_headings(bufnr)) do
    if lines[name] ~= line then
      fail(string.format("the outline has no `%s` at line %d: %s", name, line + 1,
        vim.inspect(lines)))
    end
    count = count + 1
  end
  return count
end

-- The quick fix that suppresses a finding, applied, leaves what `ownlint check` says about
-- the text with the suppression comment in it: that finding gone, no other change.
local function check_suppression(bufnr, client)
  local shown = vim.diagnostic.get(bufnr)
  table.sort(shown, function(a, b) return a.lnum < b.lnum end)
  local target = shown[1]
  -- Sent back as the protocol has it: Neovim 0.7 keeps only some of its LSP fields.
  local encoding = client.offset_encoding or "utf-16"
  local function position(row, col)
    return { line = row, character = vim.lsp.util.character_offset(bufnr, row, col, encoding) }
  end
  local lsp_diagnostic = {
    range = { start = position(target.lnum, target.col),
              ["end"] = position(target.end_lnum, target.end_col) },
    severity = target.severity,
    code = target.code,
    source = target.source,
    message = target.message,
    data = target.user_data and target.user_data.lsp and target.user_data.lsp.data,
  }
  local actions = request(bufnr, client, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic } },
  }) or {}
  local suppress
  for _, action in ipairs(actions) do
    if action.title and action.title:find("Suppress", 1, true) and action.edit then
      suppress = action
    end
  end
  if not suppress then
    fail("no suppressing quick fix for line " .. (target.lnum + 1) .. ": " .. vim.inspect(actions))
  end
  local before = #shown
  vim.lsp.util.apply_workspace_edit(suppress.edit, encoding)
  local after = check_buffer(bufnr)
  if #after ~= before - 1 then
    fail(string.format("after `%s`, ownlint check reports %d findings, not %d", suppress.title,
      #after, before - 1))
  end
  expect(bufnr, after, "after the quick fix `" .. suppress.title .. "`")
  return suppress.title
end

-- Hover at a domain's heading names that domain's owner, as check's model has it.
local function check_hover(bufnr, client)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  local heading, owner
  for i, line in ipairs(lines) do
    if not heading and line:match("^### .+ Domain$") then
      heading = i - 1
    elseif heading and line:match("^%*%*Owner:%*%*") then
      owner = vim.trim(line:gsub("^%*%*Owner:%*%*", ""))
      break
    end
  end
  if not (heading and owner) then
    fail("no domain heading followed by an **Owner:** line in the document")
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = heading, character = 5 },
  }
  local answers = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, timeout_ms)
  local answer = answers and answers[client.id]
  if not answer then
    fail("no answer to textDocument/hover within " .. timeout_ms .. " ms")
  end
  if answer.err then
    fail("textDocument/hover answered an error: " .. vim.inspect(answer.err))
  end
  local text = hover_text(answer.result)
  if not text:find(owner, 1, true) then
    fail(string.format("hover at line %d does not name the owner `%s`; it says:\n%s",
      heading + 1, owner, text))
  end
  return owner
end

local function main()
  vim.cmd("cd " .. vim.fn.fnameescape(root))
  local path = root .. "/" .. relative
  local report = vim.fn.json_decode(read(expected_path))
  local before = expected_keys(report, read(path))
  -- The seed document's known state: the README shows the same 13 warnings.
  if #before ~= 13 then
    fail("ownlint check reports " .. #before .. " findings on the seed document, not 13")
  end

  local bufnr = attach(path)
  vim.wait(timeout_ms, function()
    return client_of(bufnr) ~= nil
  end, 50)
  local client = client_of(bufnr)
  if not client then
    fail("no language server attached to " .. relative)
  end
  expect(bufnr, before, "after opening")

  -- Give the first placeholder escalation contact a real one: one OWN202 goes away.
  local fixed
  for _, finding in ipairs(report.diagnostics) do
    if finding.code == "OWN202" then
      fixed = finding
      break
    end
  end
  if not fixed then
    fail("the seed document has no OWN202 finding to fix")
  end
  local lnum, col = locate(line_starts(read(path)), fixed.span.offset)
  local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, true)[1]
  local replaced = line:sub(1, col) .. "@team-oncall" .. line:sub(col + fixed.span.length + 1)
  vim.api.nvim_buf_set_lines(bufnr, lnum, lnum + 1, true, { replaced })
  local after = check_buffer(bufnr)
  if #after >= #before then
    fail(string.format("ownlint check still reports %d findings after the fix (was %d)",
      #after, #before))
  end
  expect(bufnr, after, "after fixing line " .. (lnum + 1))

  -- A line at the top moves every finding down one line.
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, true, { "<!-- reviewed -->" })
  local moved = check_buffer(bufnr)
  if same(moved, after) then
    fail("inserting a line changed nothing in ownlint check's positions")
  end
  expect(bufnr, moved, "after inserting a line at the top")

  local owner = check_hover(bufnr, client)
  local domains = check_symbols(bufnr, client)
  local fix = check_suppression(bufnr, client)
  local defined = check_definition(bufnr, client)

  local v = vim.version()
  local version = string.format("%d.%d.%d", v.major, v.minor, v.patch)
  io.stdout:write(string.format(
    "nvim-lsp: OK: Neovim %s, set up with docs/editors.md's vim.lsp.%s, showed ownlint check's %d diagnostics, %d after a fix, "
      .. "all moved by an inserted line; hover names `%s`; outline has the %d domains; quick fix "
      .. "`%s` leaves check's findings; definitions of `%s` found\n",
    version, setup_name, #before, #after, owner, domains, fix, defined))
  vim.lsp.stop_client(client.id)
  vim.cmd("qall!")
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail(tostring(err))
end
