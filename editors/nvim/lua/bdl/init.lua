-- bdl: Neovim's built-in LSP client for BDL buffers, with `bdl lsp` as the server.
--   require('bdl').setup()                       -- bdl on $PATH
--   require('bdl').setup({ cmd = { '/opt/bdl/bin/bdl', 'lsp' } })
-- One server per project: the nearest directory above the file with a .git, else the
-- file's own directory. Works with Neovim 0.7 and later (no plugin needed).
local M = {}

local defaults = {
  cmd = { 'bdl', 'lsp' },
  -- what `bdl lsp` reads at initialize, as the command line's --max-errors and --allow-outside
  init_options = { maxErrors = 50, allowOutside = false },
  on_attach = nil,
}

local clients = {} -- root directory -> client id

local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h')
  end
  return dir
end

local function attach(opts, bufnr)
  local root = root_of(vim.api.nvim_buf_get_name(bufnr))
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'bdl',
      cmd = opts.cmd,
      root_dir = root,
      init_options = opts.init_options,
      on_attach = opts.on_attach,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

function M.setup(user)
  local opts = vim.tbl_deep_extend('force', defaults, user or {})
  local group = vim.api.nvim_create_augroup('bdl_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'bdl',
    callback = function(args)
      attach(opts, args.buf)
    end,
  })
end

return M
