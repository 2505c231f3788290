;;; bdl-mode.el --- Major mode for BDL, the Budget Description Language  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages

;;; Commentary:

;; Highlighting, comments and indentation for BDL budget specs (*.bdl), and the language
;; server `bdl lsp' for eglot: diagnostics as you type, hovers with the computed sums,
;; go to definition, rename, formatting and quick fixes.  In your init file:
;;
;;   (add-to-list 'load-path "/usr/local/share/bdl/editors/emacs")
;;   (require 'bdl-mode)
;;   (add-hook 'bdl-mode-hook #'eglot-ensure)   ; eglot: built in from Emacs 29, else elpa-eglot
;;
;; See docs/editors.md in the bdl repository.

;;; Code:

(defgroup bdl nil
  "BDL, the Budget Description Language."
  :group 'languages
  :prefix "bdl-")

(defcustom bdl-program "bdl"
  "The bdl program, which runs as the language server (`bdl lsp')."
  :type 'string)

(defcustom bdl-indent-offset 2
  "Columns a block is indented by, as `bdl fmt' lays it out."
  :type 'integer)

(defconst bdl-keywords
  '("unit" "rate" "budget" "group" "item" "memo" "year" "rounding" "columns" "meta" "code"
    "note" "tag" "import" "classification" "view" "consolidate" "budgets" "groups" "text" "rules" "apply"
    "assert" "warn" "within" "and" "or" "not")
  "The keywords of BDL (docs/language.md, section 2.5).")

(defconst bdl--name "\\([^][ \t\n\"{}=;,()#]+\\)"
  "A name after a declaring keyword, as a regexp group.")

(defconst bdl-font-lock-keywords
  `((,(concat "\\_<\\(budget\\|consolidate\\|classification\\|group\\|item\\|memo\\|view\\|text\\)[ \t]+"
              bdl--name)
     (1 font-lock-keyword-face) (2 font-lock-type-face))
    (,(concat "\\_<\\(unit\\|rate\\)[ \t]+" bdl--name)
     (1 font-lock-keyword-face) (2 font-lock-constant-face))
    (,(regexp-opt '("assert" "warn") 'symbols) . font-lock-keyword-face)
    (,(regexp-opt '("and" "or" "not" "within") 'symbols) . font-lock-builtin-face)
    (,(regexp-opt bdl-keywords 'symbols) . font-lock-keyword-face)
    ("\\_<[0-9]+\\(?:_[0-9]+\\)*\\(?:\\.[0-9]+\\(?:_[0-9]+\\)*\\)?%?" . font-lock-constant-face))
  "What `bdl-mode' highlights beyond strings and comments.")

(defvar bdl-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?/ ". 12" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (dolist (c '(?+ ?- ?* ?= ?< ?> ?~ ?! ?% ?, ?\; ?.))
      (modify-syntax-entry c "." table))
    table)
  "Syntax of BDL: `#' and `//' start comments, strings are in double quotes.")

(defun bdl-indent-line ()
  "Indent the current line by its depth in braces, as `bdl fmt' does.
A line inside a multi-line string is prose: it is left as it is."
  (interactive)
  (let* ((state (save-excursion (syntax-ppss (line-beginning-position))))
         (closing (save-excursion (back-to-indentation) (looking-at-p "}")))
         (column (* bdl-indent-offset (max 0 (- (car state) (if closing 1 0))))))
    (cond ((nth 3 state) 'noindent)
          ((<= (current-column) (current-indentation)) (indent-line-to column))
          (t (save-excursion (indent-line-to column))))))

;;;###autoload
(define-derived-mode bdl-mode prog-mode "BDL"
  "Major mode for BDL budget specs."
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "\\(?:#\\|//\\)+[ \t]*")
  (setq-local font-lock-defaults '(bdl-font-lock-keywords))
  (setq-local indent-line-function #'bdl-indent-line)
  (setq-local indent-tabs-mode nil))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.bdl\\'" . bdl-mode))

(defun bdl-eglot-contact (&optional _interactive)
  "How eglot starts the language server: `bdl-program' with `lsp'."
  (list bdl-program "lsp"))

(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs '(bdl-mode . bdl-eglot-contact)))

(provide 'bdl-mode)

;;; bdl-mode.el ends here
