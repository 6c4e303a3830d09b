a = b = 1

a, *b = c

[a, b] = (c, d) = e

x.y[1:2, 3] = 4
a += 1; b -= 2; c *= 3; d /= 4; e //= 5; f %= 6; g **= 7; h >>= 8; i <<= 9; j &= 1; k |= 2; l ^= 3; m @= n

id: Mapped[int] = mapped_column(primary_key=True)

phone: Mapped[Optional[str]]

self.x: int = 3

if a:
    pass
elif b:
    x
elif c:
    y
else:
    z

for i, (j, k) in enumerate(x):
    continue
else:
    pass

while x:
    break
else:
    y

@dec
@ dec.attr(1, k=2)
def f(a, b: int = 1, /, c=2, *args: str, d, e=3, **kw) -> None:
    """doc"""
    return a, b

def g(*, a): return

def h(a, /): pass

class A(B, C, metaclass=M, **kw):
    x = 1
    def m(self): return self.x

class D: pass

import a.b.c as d, e

from . import x

from ..a.b import (c as d, e,)

from ... import y

from x import *

del a, b[0], c.d

assert x, "msg"

try:
    pass
except (A, B) as e:
    raise X from e
except C:
    raise
except:
    pass
else:
    pass
finally:
    pass

with a as b, c as (d, e), f:
    pass

with (a as b, c):
    pass

with (a, b) as c:
    pass

with (a):
    pass

global x, y

def outer():
    nonlocal_x = 1
    def inner():
        nonlocal nonlocal_x

x = 0x1F + 0o17 + 0b1010 + 1_000_000 + 1.5 + 1. + .5 + 1e10 + 1.5E-3 + 0 + 00
s = 'a' "b" '''c''' """d""" r'\n' u'z'

s = b'x' rb'\x00' Rb"y" BR'q'

s = '\x41\u0042\U00000043\101\0\n\t\\\'\"\a\b\f\v\r'

s = 'line\
continued'

b = b'\x41\101\n'

f"{x}{y!r}{z!s}{w!a}{v:>10}{u:{width}.{prec}f}{{literal}}"

f"a" "b" f"{c}" 'd'

f'{x["key"]}' f"{x['key']}"

f'{x:=3}'

f'{(x:=3)}'

f"{x!r:^{w}}"

f'''{
x
+ y}'''

f"{3.14:.2f} {'nested ' + f'{x}'}"

None; True; False; ...

[1, 2, *a]; (1,); (); (1, 2); {1, 2, *s}; {}; {1: 2, **d, 3: 4}

[x for x in y]; {x for x in y}; {k: v for k, v in d.items() if k if v for z in k}; (x for x in y)

f(x for x in y)

f(*args, **kwargs, a=1)

f(a)(b)[c].d

lambda: 0

lambda a, b=1, *c, d, e=2, **f: a

lambda *, a: a

a if b else c if d else e

not a and b or c and not d

a < b <= c != d is e is not f in g not in h

-2**2; 2**-1; -a**-b; ~a; +a; a**b**c

a | b ^ c & d << e >> f + g - h * i / j // k % l @ m

(a + b) * c

x[1:2]; x[:]; x[::2]; x[1:]; x[:-1]; x[a, b:c]; x[1:2, ::3]
(y := f(x))

if (n := len(a)) > 10: pass

[y for x in data if (y := f(x))]

a[b:=1]

print(*a, sep='')

x = *a, b
for x in *a, b: pass

x, = y

class User(db.Model):
    """A user."""
    __tablename__ = 'users'
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, index=True)
    role_id = db.Column(db.Integer, db.ForeignKey('roles.id'))
    posts: so.WriteOnlyMapped['Post'] = so.relationship(back_populates='author')
    def __repr__(self):
        return '<User %r>' % self.username

followers = db.Table('followers',
    db.Column('follower_id', db.Integer, db.ForeignKey('user.id')),
    db.Column('followed_id', db.Integer, db.ForeignKey('user.id'))
)

if __name__ == '__main__':
    app.run(debug=True)

for u in User.query.order_by(User.id.desc()).limit(3): print(u.username, u.role.name if u.role else None)

x = {'a': [1, 2.5, -3], "b": (None,), 'c': {1, 2}}

total = sum(p.price * p.qty for p in order.lines if not p.deleted)

print('%s has %d posts' % (u.name, len(u.posts)), end='\n')

a = [1,
     2,  # two
     3]

value = (1 +
         2) \
    * 3

def f(x):
    if x:
        return 1
    return 2

try:
    db.session.commit()
except sa.exc.IntegrityError:
    db.session.rollback()

assert isinstance(x, (int, float)), f"bad {x!r}"

x = y if a is not None and b not in c else z

items = sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))

s = 'é€\u00e9\U0001F600' 

s = r'\d+' R"\n"
b = rb'\w' Br'x'

n = -1; m = +2; k = ~3; p = 2 ** -1

print(f"{user.name!r:>10} {count:05d} {ratio:.1%} {{braces}} {d['k']}")

x = [[i * j for j in range(3)] for i in range(3) if i]

a, (b, *c), d = 1, (2, 3, 4), 5

obj.attr[0].other = func()(1)[2:3]

del x[1:2], y.z

raise ValueError('bad value')

while True:
    n += 1
    if n > 10: break

with open('f') as fh: data = fh.read()

class A(Base):
    x: int
    y: str = 'a'
    z: 'List[int]' = []

@property
def name(self) -> str:
    return self._name

@app.route('/')
@login_required
def index(): return render_template('index.html', title='Home', posts=posts)
