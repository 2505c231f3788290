-- tests/lsp/nvim_test.lua - run by tests/lsp/nvim.sh inside headless Neovim: editors/nvim
-- starts `bdl lsp` for a .bdl buffer, and Neovim's own LSP client reads the diagnostics, a
-- hover on the failing total and a definition, then formats a document. Each check writes
-- "ok ..." or "FAIL ..." to $OUT; any failure exits Neovim with status 1.
local out = assert(io.open(os.getenv('OUT'), 'w'))
local failed = false

local function check(what, cond, detail)
  out:write((cond and 'ok   ' or 'FAIL ') .. what .. (cond and '' or (': ' .. vim.inspect(detail))) .. '\n')
  failed = failed or not cond
  return cond
end

local function finish()
  out:close()
  vim.cmd(failed and 'cquit 1' or 'qall!')
end

local dir = os.getenv('SPEC_DIR')
require('bdl').setup({ cmd = { os.getenv('BDL'), 'lsp' } })

vim.cmd('edit ' .. dir .. '/kaizhou.bdl')
local buf = vim.api.nvim_get_current_buf()
check('the .bdl file is a bdl buffer', vim.bo.filetype == 'bdl', vim.bo.filetype)
local attached = vim.wait(10000, function()
  return #vim.lsp.buf_get_clients(buf) > 0
end, 20)
if not check('bdl lsp attached', attached) then
  return finish()
end

-- Diagnostics: E0406 at the stated total of by_function, line 25: the server says UTF-16
-- unit 36 (after 11 CJK characters), which Neovim turns into byte 58.
vim.wait(10000, function()
  return #vim.diagnostic.get(buf) > 0
end, 20)
local diags = vim.diagnostic.get(buf)
local d = diags[1] or {}
check('one diagnostic', #diags == 1, diags)
check('E0406 at line 25, byte 58', d.code == 'E0406' and d.lnum == 24 and d.col == 58 and d.end_col == 64, d)
check('its message says the sum', (d.message or ''):find('its items sum to 609.45 万元', 1, true), d.message)

local function request(method, params)
  local answers = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  for _, a in pairs(answers) do
    return a.result, a.err
  end
end

-- Hover on the failing total: the total, the sum, the difference and the bound.
local pos = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = 24, character = 38 } }
local hover = request('textDocument/hover', pos)
local text = hover and hover.contents and hover.contents.value or ''
check('hover shows the stated total', text:find('stated total: 609.35 万元', 1, true), text)
check('hover shows the sum', text:find('sum of the items: 609.45 万元', 1, true), text)
check('hover shows the difference', text:find('difference: -0.1 万元', 1, true), text)
check('hover shows the bound', text:find('rounding bound: (4 + 1) × 0.01 / 2 = 0.025 万元', 1, true), text)

-- Definition: by_function in `assert income == by_function` (line 65) -> line 25.
pos.position = { line = 63, character = 24 }
local def = request('textDocument/definition', pos)
local loc = def and (def.range and def or def[1]) or {}
check('definition of by_function is its ID on line 25',
  loc.range and loc.range.start.line == 24 and loc.range.start.character == 8 and loc.uri == vim.uri_from_bufnr(buf), def)

-- Formatting through the client gives bdl fmt's layout.
vim.cmd('edit ' .. dir .. '/layout.bdl')
local layout = vim.api.nvim_get_current_buf()
vim.wait(10000, function()
  return #vim.lsp.buf_get_clients(layout) > 0
end, 20)
vim.lsp.buf.formatting_sync(nil, 10000)
local got = table.concat(vim.api.nvim_buf_get_lines(layout, 0, -1, false), '\n') .. '\n'
local want = vim.fn.system({ os.getenv('BDL'), 'fmt', dir .. '/layout.bdl' })
check('formatting gives bdl fmt layout', got == want, { got = got, want = want })

finish()
