" BDL budget specs: *.bdl files.
autocmd BufRead,BufNewFile *.bdl setfiletype bdl
