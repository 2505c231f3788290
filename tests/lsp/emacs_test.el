;;; emacs_test.el --- run by tests/lsp/emacs.sh in Emacs in batch mode  -*- lexical-binding: t; -*-

;; editors/emacs/bdl-mode.el on the seed with a figure changed: the mode, its highlighting
;; and indentation, then eglot attached to `bdl lsp' with the diagnostics (through
;; flymake) and a hover on the failing total. Each check prints "ok ..." or "FAIL ...";
;; any failure exits with status 1.

;;; Code:

(require 'bdl-mode)
(require 'eglot)

(defvar bdl-test-failed nil)

(defun bdl-test-check (what ok &optional detail)
  "Report WHAT, passed when OK (else show DETAIL)."
  (princ (format "%s %s%s\n" (if ok "ok  " "FAIL") what (if ok "" (format ": %S" detail))))
  (unless ok (setq bdl-test-failed t))
  ok)

(defun bdl-test-wait (pred)
  "Wait up to 20 s for PRED, serving the server's messages."
  (let ((deadline (+ (float-time) 20)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun bdl-test-face-at (text)
  "The face of the first character of TEXT in the buffer."
  (save-excursion
    (goto-char (point-min))
    (search-forward text)
    (get-text-property (match-beginning 0) 'face)))

(let ((dir (getenv "SPEC_DIR")))
  (setq bdl-program (getenv "BDL"))
  (find-file (expand-file-name "kaizhou.bdl" dir))
  (bdl-test-check "a .bdl file is in bdl-mode" (eq major-mode 'bdl-mode) major-mode)
  (font-lock-ensure)
  (bdl-test-check "keywords are highlighted" (eq (bdl-test-face-at "assert") 'font-lock-keyword-face)
                  (bdl-test-face-at "assert"))
  (bdl-test-check "comments are highlighted" (eq (bdl-test-face-at "the 2026 catalogue") 'font-lock-comment-face)
                  (bdl-test-face-at "the 2026 catalogue"))
  (bdl-test-check "labels are strings" (eq (bdl-test-face-at "\"收入预算\"") 'font-lock-string-face))
  (let ((before (buffer-string)))
    (indent-region (point-min) (point-max))
    (bdl-test-check "indentation keeps bdl fmt's" (equal before (buffer-string))))

  ;; eglot: the diagnostics through flymake, and a hover on the failing total.
  (apply #'eglot (eglot--guess-contact)) ; M-x eglot: the project, and bdl-mode's server
  (bdl-test-check "eglot started bdl lsp" (bdl-test-wait (lambda () (eglot-current-server))))
  (bdl-test-wait (lambda () (flymake-diagnostics)))
  (let* ((diags (flymake-diagnostics))
         (text (and diags (flymake-diagnostic-text (car diags)))))
    (bdl-test-check "one diagnostic" (= (length diags) 1) diags)
    (bdl-test-check "it is the failing total" (and text (string-match-p "its items sum to 609.45 万元" text)) text)
    (bdl-test-check "at line 25" (and diags (= (line-number-at-pos (flymake-diagnostic-beg (car diags))) 25))))
  (goto-char (point-min))
  (search-forward "= 609.35, 527.36 {\n    general_services")
  (search-backward "609.35")
  (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                 (eglot--TextDocumentPositionParams)))
         (value (plist-get (plist-get hover :contents) :value)))
    (bdl-test-check "hover shows the sum" (and value (string-match-p "sum of the items: 609.45 万元" value)) value)
    (bdl-test-check "hover shows the bound" (and value (string-match-p "rounding bound: (4 \\+ 1) × 0.01 / 2 = 0.025 万元" value)) value))
  (eglot-shutdown (eglot-current-server))
  (kill-emacs (if bdl-test-failed 1 0)))

;;; emacs_test.el ends here
