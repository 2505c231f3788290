" Vim syntax file for BDL, the Budget Description Language (docs/language.md).
" The language server adds what a grammar cannot tell (definitions and references).
if exists('b:current_syntax')
  finish
endif

syntax keyword bdlDeclaration unit rate import classification budget consolidate rules apply
syntax keyword bdlStatement group item memo view text year rounding columns meta budgets groups
syntax keyword bdlCheck assert warn
syntax keyword bdlOperator and or not within
syntax keyword bdlAttribute code note tag
syntax match bdlNumber '\<\d\+\%(_\d\+\)*\%(\.\d\+\%(_\d\+\)*\)\?%\?'
syntax match bdlNotStated '\%(^\|[ ,=]\)\zs-\ze\s*\%($\|,\|#\|//\)'
syntax match bdlComparison '==\|!=\|<=\|>=\|\~=\|<\|>'
syntax region bdlString start=+"""+ end=+"""+ contains=bdlEscape,bdlInterpolation
syntax region bdlString start=+"\%("""\)\@!+ skip=+\\"+ end=+"+ oneline contains=bdlEscape,bdlInterpolation
syntax match bdlEscape '\\[\\"nt]\|\\u{\x\+}' contained
syntax region bdlInterpolation matchgroup=bdlDelimiter start='{\%({\)\@!' end='}' contained
syntax match bdlComment '\%(#\|//\).*$' contains=@Spell

highlight default link bdlDeclaration Keyword
highlight default link bdlStatement Statement
highlight default link bdlCheck Conditional
highlight default link bdlOperator Operator
highlight default link bdlComparison Operator
highlight default link bdlAttribute Type
highlight default link bdlNumber Number
highlight default link bdlNotStated Special
highlight default link bdlString String
highlight default link bdlEscape SpecialChar
highlight default link bdlInterpolation Identifier
highlight default link bdlDelimiter Delimiter
highlight default link bdlComment Comment

let b:current_syntax = 'bdl'
