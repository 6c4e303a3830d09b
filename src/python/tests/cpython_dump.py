"""Dumps CPython's syntax trees of tests/snippets.py (separated by blank lines) in the
format of `tests::dump_stmts` with spans (`@start-end` byte offsets), into cpython_trees.json.

Run with CPython 3.11 from this directory:  python3 cpython_dump.py
"""
import ast, sys, json, os
OPS = {ast.Add:'+',ast.Sub:'-',ast.Mult:'*',ast.MatMult:'@',ast.Div:'/',ast.FloorDiv:'//',ast.Mod:'%',ast.Pow:'**',ast.LShift:'<<',ast.RShift:'>>',ast.BitOr:'|',ast.BitXor:'^',ast.BitAnd:'&'}
CMP = {ast.Eq:'==',ast.NotEq:'!=',ast.Lt:'<',ast.LtE:'<=',ast.Gt:'>',ast.GtE:'>=',ast.Is:'is',ast.IsNot:'is not',ast.In:'in',ast.NotIn:'not in'}
def rstr(s):
    out = '"'
    for ch in s:
        if ch == '\\': out += '\\\\'
        elif ch == '"': out += '\\"'
        elif ch == '\n': out += '\\n'
        elif ch == '\t': out += '\\t'
        elif ch == '\r': out += '\\r'
        elif ch == '\0': out += '\\0'
        elif ord(ch) < 32 or ord(ch) == 127: out += '\\u{%x}' % ord(ch)
        else: out += ch
    return out + '"'
def rfloat(f):
    r = repr(f)
    if 'e' in r:
        m, e = r.split('e'); e = int(e)
        if '.' in m and m.endswith('.0'): m = m[:-2]
        return f"{m}e{e}"
    return r
SPANS = True
CUR = ['']
def off(line, col):
    src = CUR[0].encode()
    starts = [0] + [i + 1 for i, b in enumerate(src) if b == 10]
    return starts[line - 1] + col
def sp(n):
    return f"@{off(n.lineno, n.col_offset)}-{off(n.end_lineno, n.end_col_offset)}"
def d(e):
    r = d0(e)
    return r + sp(e) if SPANS else r
def d0(e):
    t = type(e)
    if t is ast.Name: return e.id
    if t is ast.Constant:
        v = e.value
        if v is None: return 'None'
        if v is True: return 'True'
        if v is False: return 'False'
        if v is Ellipsis: return '...'
        if isinstance(v, int): return str(v)
        if isinstance(v, float): return rfloat(v)
        if isinstance(v, str): return rstr(v)
        if isinstance(v, bytes): return 'b' + rstr(v.decode('utf-8', 'replace'))
        return '?const'
    if t is ast.JoinedStr: return 'f[' + fparts(e.values) + ']'
    if t is ast.List: return '[' + ', '.join(map(d, e.elts)) + ']'
    if t is ast.Tuple: return 'tuple(' + ', '.join(map(d, e.elts)) + ')'
    if t is ast.Set: return 'set(' + ', '.join(map(d, e.elts)) + ')'
    if t is ast.Dict: return '{' + ', '.join((f"{d(k)}: {d(v)}" if k is not None else f"**{d(v)}") for k, v in zip(e.keys, e.values)) + '}'
    if t is ast.Starred: return '*' + d(e.value)
    if t is ast.Attribute: return d(e.value) + '.' + e.attr
    if t is ast.Subscript: return d(e.value) + '[' + d(e.slice) + ']'
    if t is ast.Slice: return 'slice(%s:%s:%s)' % tuple('' if x is None else d(x) for x in (e.lower, e.upper, e.step))
    if t is ast.Call:
        a = [d(x) for x in e.args] + [(f"{k.arg}={d(k.value)}" if k.arg else f"**{d(k.value)}") for k in e.keywords]
        return d(e.func) + '(' + ', '.join(a) + ')'
    if t is ast.BinOp: return f"({d(e.left)} {OPS[type(e.op)]} {d(e.right)})"
    if t is ast.UnaryOp:
        s = {ast.Not:'not ', ast.USub:'-', ast.UAdd:'+', ast.Invert:'~'}[type(e.op)]
        return f"({s}{d(e.operand)})"
    if t is ast.BoolOp: return '(' + (' and ' if type(e.op) is ast.And else ' or ').join(map(d, e.values)) + ')'
    if t is ast.Compare:
        s = '(' + d(e.left)
        for op, c in zip(e.ops, e.comparators): s += f" {CMP[type(op)]} {d(c)}"
        return s + ')'
    if t is ast.IfExp: return f"({d(e.body)} if {d(e.test)} else {d(e.orelse)})"
    if t is ast.Lambda: return f"lambda({params(e.args)}): {d(e.body)}"
    if t is ast.ListComp: return '[' + d(e.elt) + comp(e.generators) + ']'
    if t is ast.SetComp: return '{' + d(e.elt) + comp(e.generators) + '}'
    if t is ast.DictComp: return '{' + d(e.key) + ': ' + d(e.value) + comp(e.generators) + '}'
    if t is ast.GeneratorExp: return 'gen(' + d(e.elt) + comp(e.generators) + ')'
    if t is ast.NamedExpr: return f"({e.target.id} := {d(e.value)})"
    return '?' + t.__name__
def fparts(vals):
    out = []
    for v in vals:
        if type(v) is ast.Constant: out.append(rstr(v.value))
        else:
            s = '{' + d(v.value)
            if v.conversion != -1: s += '!' + chr(v.conversion)
            if v.format_spec is not None: s += ':[' + fparts(v.format_spec.values) + ']'
            out.append(s + '}')
    return ', '.join(out)
def comp(gens):
    return ''.join(f" for {d(g.target)} in {d(g.iter)}" + ''.join(f" if {d(i)}" for i in g.ifs) for g in gens)
def params(a):
    def one(p, default=None):
        s = p.arg
        if p.annotation is not None: s += ': ' + d(p.annotation)
        if default is not None: s += '=' + d(default)
        return s
    out = []
    pos = a.posonlyargs + a.args
    defs = [None] * (len(pos) - len(a.defaults)) + a.defaults
    for i, (p, df) in enumerate(zip(pos, defs)):
        out.append(one(p, df))
        if i + 1 == len(a.posonlyargs): out.append('/')
    if a.vararg: out.append('*' + one(a.vararg))
    elif a.kwonlyargs: out.append('*')
    for p, df in zip(a.kwonlyargs, a.kw_defaults): out.append(one(p, df))
    if a.kwarg: out.append('**' + one(a.kwarg))
    return ', '.join(out)
def stmts(body, ind):
    return ''.join(stmt(s, ind) for s in body)
def stmt(s, ind):
    pad = ' ' * ind
    if SPANS: pad = pad + sp(s) + ' '
    t = type(s)
    block = lambda head, body: f"{pad}{head}\n" + stmts(body, ind + 2)
    orelse = lambda body: block('else:', body) if body else ''
    line = lambda text: f"{pad}{text}\n"
    if t is ast.Expr: return line('expr ' + d(s.value))
    if t is ast.Assign: return line(' = '.join(map(d, s.targets)) + ' = ' + d(s.value))
    if t is ast.AugAssign: return line(f"{d(s.target)} {OPS[type(s.op)]}= {d(s.value)}")
    if t is ast.AnnAssign: return line(f"{d(s.target)}: {d(s.annotation)}" + (f" = {d(s.value)}" if s.value else ''))
    if t is ast.If: return block(f"if {d(s.test)}:", s.body) + orelse(s.orelse)
    if t is ast.For: return block(f"for {d(s.target)} in {d(s.iter)}:", s.body) + orelse(s.orelse)
    if t is ast.While: return block(f"while {d(s.test)}:", s.body) + orelse(s.orelse)
    if t is ast.Break: return line('break')
    if t is ast.Continue: return line('continue')
    if t is ast.Pass: return line('pass')
    if t is ast.Return: return line('return ' + (d(s.value) if s.value else ''))
    if t is ast.FunctionDef:
        decos = ''.join(f"{pad}@{d(x)}\n" for x in s.decorator_list)
        ret = f" -> {d(s.returns)}" if s.returns else ''
        return decos + block(f"def {s.name}({params(s.args)}){ret}:", s.body)
    if t is ast.ClassDef:
        decos = ''.join(f"{pad}@{d(x)}\n" for x in s.decorator_list)
        a = [d(x) for x in s.bases] + [(f"{k.arg}={d(k.value)}" if k.arg else f"**{d(k.value)}") for k in s.keywords]
        return decos + block(f"class {s.name}({', '.join(a)}):", s.body)
    al = lambda names: ', '.join((f"{n.name} as {n.asname}" if n.asname else n.name) for n in names)
    if t is ast.Import: return line('import ' + al(s.names))
    if t is ast.ImportFrom: return line(f"from {'.' * s.level}{s.module or ''} import {al(s.names)}")
    if t is ast.Delete: return line('del ' + ', '.join(map(d, s.targets)))
    if t is ast.Assert: return line('assert ' + d(s.test) + (', ' + d(s.msg) if s.msg else ''))
    if t is ast.Try:
        out = block('try:', s.body)
        for h in s.handlers:
            out += block('except' + (' ' + d(h.type) if h.type else '') + (' as ' + h.name if h.name else '') + ':', h.body)
        out += orelse(s.orelse)
        if s.finalbody: out += block('finally:', s.finalbody)
        return out
    if t is ast.Raise: return line('raise ' + (d(s.exc) if s.exc else '') + (' from ' + d(s.cause) if s.cause else ''))
    if t is ast.With: return block('with ' + ', '.join((d(i.context_expr) + (' as ' + d(i.optional_vars) if i.optional_vars else '')) for i in s.items) + ':', s.body)
    if t is ast.Global: return line('global ' + ', '.join(s.names))
    if t is ast.Nonlocal: return line('nonlocal ' + ', '.join(s.names))
    return line('?' + t.__name__)
here = os.path.dirname(os.path.abspath(__file__))
srcs = open(os.path.join(here, 'snippets.py')).read().split('\n\n')
out = []
for src in srcs:
    CUR[0] = src
    out.append(stmts(ast.parse(src).body, 0))
with open(os.path.join(here, 'cpython_trees.json'), 'w') as f:
    json.dump(out, f, indent=0, ensure_ascii=False)
    f.write('\n')
