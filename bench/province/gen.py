#!/usr/bin/env python3
"""bench/province/gen.py - a province's budgets as BDL specs, for `make bench-province`.

    gen.py DIR [--seed N] [--departments 3000] [--districts 40]

Writes into DIR (created if missing), all in one folder (an import may not leave the
folder of the file compiled):

    common.bdl          units and the 2026 catalogues every spec imports
    dept_NNNN.bdl       one department budget each, in the shape of
                        examples/kaizhou-2026.bdl and examples/district/: income, a detail
                        of 50-2,000 line items in 款 groups coded from lib/std/cn/2026, its
                        roll-up by functional class (a view), by nature, the 三公 funds and
                        procurement, stated totals everywhere, and the claims a published
                        budget makes about them
    district_DD.bdl     a consolidation of the district's departments
    province.bdl        a consolidation of the districts (see PROVINCE below)
    manifest.txt        the seed, the counts, and which district each department is in

The same arguments give the same bytes (the bench's own PRNG, bench/gen.py). Amounts are
integers of 0.01 万元 until they are written, so every stated total is exact, or off by
0.01 within the rounding bound where a published total would be; every spec compiles
with no diagnostic. Sizes are spread log-uniformly over 50-2,000 line items, as a few
large bureaus and many small offices are.

PROVINCE: the province consolidates the districts, each of which consolidates its
departments (a consolidation sums a member consolidation's total column).
"""

import decimal
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gen import ECONOMIC, Rng  # noqa: E402  (bench/gen.py: the PRNG and economic codes)

CATALOGUE = os.path.join(HERE, "..", "..", "lib", "std", "cn", "2026", "functional.bdl")
CONSOLIDATED = "income, by_function, by_nature, three_public, procurement"

BUREAUS = ["教育委员会", "卫生健康委员会", "公安局", "民政局", "财政局", "审计局", "统计局", "档案馆",
           "人力资源和社会保障局", "住房和城乡建设委员会", "交通运输委员会", "农业农村委员会",
           "文化和旅游发展委员会", "市场监督管理局", "生态环境局", "水利局", "林业局", "应急管理局",
           "司法局", "科学技术局", "商务委员会", "医疗保障局", "退役军人事务局", "城市管理局"]
PROJECTS = ["人员经费", "日常公用经费", "信息化建设", "设备购置", "运行维护", "专项业务", "培训",
            "宣传", "课题研究", "委托服务", "房屋修缮", "安全生产", "档案整理", "统计调查",
            "监督检查", "应急保障", "购买服务", "会议", "差旅", "物业管理"]
INCOME = [("general_budget", "一般公共预算拨款收入"), ("gov_fund", "政府性基金预算拨款收入"),
          ("state_capital", "国有资本经营预算收入"), ("service", "事业收入"),
          ("business", "事业单位经营收入"), ("other", "其他收入"), ("carryover", "上年结转")]
THREE_PUBLIC = [("overseas", "因公出国（境）费用"), ("reception", "公务接待费"),
                ("vehicle_operation", "公务用车运行维护费"), ("vehicle_purchase", "公务用车购置费")]


def money(cents):
    """An amount of 0.01 万元 as BDL writes it."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return "%s%d.%02d" % (sign, cents // 100, cents % 100)


def catalogue():
    """The 款 (5 digits) of the functional catalogue, each with its name and its 项; and
    the name of every code."""
    kuan, names = {}, {}
    for code, name in re.findall(r'^\s*(\d{5}|\d{7}) "([^"]*)"', open(CATALOGUE, encoding="utf-8").read(), re.M):
        names[code] = name
        if len(code) == 5:
            kuan[code] = (name, [])
        elif code[:5] in kuan:
            kuan[code[:5]][1].append(code)
    return sorted((code, name, xiang) for code, (name, xiang) in kuan.items()), names


def split(rng, total, parts):
    """total cents in `parts` non-negative integers that add up to it."""
    cuts = sorted(rng.between(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


def grow(rng, cents):
    """Last year's figure for this year's: within -10 % .. +20 %, in integers."""
    return cents * 100 // rng.between(90, 120)


class Department:
    def __init__(self, rng, number, district, items, kuan, names):
        self.id = "dept_%04d" % number
        self.district = district
        self.title = "第%02d区%s（%04d）2026年部门预算" % (district, BUREAUS[number % len(BUREAUS)], number)
        self.entity = self.title[: -len("2026年部门预算")]
        self.lines = []
        self.make(rng, items, kuan, names)

    def out(self, s=""):
        self.lines.append(s)

    def make(self, rng, items, kuan, names):
        groups = rng.sample(kuan, min(len(kuan), max(3, min(12, items // 40))))
        groups.sort()
        sizes = split(rng, items - len(groups), len(groups))
        detail, n = [], 0
        for (code, name, xiang), size in zip(groups, sizes):
            rows = []
            for _ in range(size + 1):
                n += 1
                this = rng.between(10, 5000) * rng.between(1, 10)  # 0.1-500 万元
                # bdl checks a label against every code of its item, as a published table
                # would read: an item at 项 level is named by the functional catalogue, an
                # expense by the economic one, and a project has its own name and no code
                # (it counts under its group's 款).
                kind = rng.below(3) if xiang else 1 + rng.below(2)
                if kind == 0:
                    item_code = xiang[rng.below(len(xiang))]
                    label, codes = names[item_code], "code " + item_code
                elif kind == 1:
                    item_code, _, label, _ = ECONOMIC[rng.below(len(ECONOMIC))]
                    codes = "code economic " + item_code
                else:
                    label, codes = "%s%04d" % (PROJECTS[rng.below(len(PROJECTS))], n), ""
                rows.append(("p%04d" % n, label, this, grow(rng, this), codes))
            detail.append((code, name, rows))
        self.detail = detail
        self.total = [sum(r[2 + c] for _, _, rows in detail for r in rows) for c in (0, 1)]
        self.write(rng)

    def write(self, rng):
        out = self.out
        out("# generated by bench/province/gen.py: a department of district %02d" % self.district)
        out('import "common.bdl"')
        out()
        out('budget %s "%s" {' % (self.id, self.title))
        out('  meta entity "%s"' % self.entity)
        out("  year 2026")
        out("  unit 万元")
        out("  rounding 0.01")
        out('  columns 2026 "2026年预算数", 2025 "2025年预算数"')
        out()
        self.income_at = len(self.lines)  # written once the detail's totals are known
        out(None)
        stated = self.details(rng)
        out('  view by_function "支出预算（按功能分类）" = rollup functional of detail depth 1')
        out()
        basic = [t * rng.between(40, 70) // 100 for t in stated]
        out('  group by_nature "支出预算（按支出性质）" = %s, %s {' % (money(stated[0]), money(stated[1])))
        out('    basic   "基本支出" %s, %s' % (money(basic[0]), money(basic[1])))
        out('    project "项目支出" %s, %s' % (money(stated[0] - basic[0]), money(stated[1] - basic[1])))
        out("  }")
        out()
        self.small_groups(rng, basic)
        project = stated[0] - basic[0]
        out('  item performance_managed "实行绩效目标管理的项目支出" %s' % money(project))
        out()
        out('  assert income == detail "收支平衡"')
        out('  assert by_function == detail "功能分类合计等于支出预算"')
        out('  assert by_nature == detail "基本支出与项目支出合计等于支出预算"')
        change = stated[0] - stated[1]
        out('  assert income[2026] - income[2025] == %s "收入较2025年%s%s万元"'
            % (money(change), "增加" if change >= 0 else "减少", money(abs(change))))
        out('  assert three_public[2026] <= three_public[2025] "三公经费只减不增"')
        out('  assert performance_managed == by_nature.project[2026] "项目支出均实行绩效目标管理"')
        out("  assert procurement.general_budget_funded <= procurement")
        out("}")
        self.stated = stated

    def details(self, rng):
        out = self.out
        at = len(self.lines)
        out(None)
        stated, checks = [0, 0], []
        for code, name, rows in self.detail:
            sums = [sum(r[2 + c] for r in rows) for c in (0, 1)]
            # Exact: the view by_function adds up the items themselves, and must equal it.
            shown = sums
            stated = [stated[c] + shown[c] for c in (0, 1)]
            out('    group k%s "%s" = %s, %s code %s {' % (code, name, money(shown[0]), money(shown[1]), code))
            width = max(len(r[1]) for r in rows)
            for pid, label, this, last, codes in rows:
                out('      %s "%s"%s %s, %s %s' % (pid, label, " " * (width - len(label)), money(this), money(last), codes))
            out("    }")
            checks.append((code, shown))
        out("  }")
        self.lines[at] = '  group detail "支出预算明细（按功能分类科目）" = %s, %s {' % (money(stated[0]), money(stated[1]))
        for code, shown in checks[:3]:
            change = shown[0] - shown[1]
            out('  assert detail.k%s[2026] - detail.k%s[2025] == %s' % (code, code, money(change)))
        out()
        self.fill_income(stated)
        return stated

    def fill_income(self, stated):
        """The income equals the spending; the general budget takes what the others leave."""
        rows, rest = [], list(stated)
        for i, (iid, label) in enumerate(INCOME[1:]):
            v = [s * (i % 3) // 100 for s in stated]  # gov_fund 0 %, state_capital 1 %, ...
            rest = [rest[c] - v[c] for c in (0, 1)]
            rows.append('    %-14s "%s" %s, %s' % (iid, label, money(v[0]), money(v[1])))
        head = ['  group income "收入预算" = %s, %s {' % (money(stated[0]), money(stated[1])),
                '    %-14s "%s" %s, %s' % (INCOME[0][0], INCOME[0][1], money(rest[0]), money(rest[1]))]
        self.lines[self.income_at] = "\n".join(head + rows + ["  }", ""])

    def small_groups(self, rng, basic):
        out = self.out
        tp = [[rng.between(0, max(1, basic[0] // 400)) for _ in THREE_PUBLIC]]
        tp.append([v + rng.between(0, 50) for v in tp[0]])
        out('  group three_public "“三公”经费" = %s, %s {' % (money(sum(tp[0])), money(sum(tp[1]))))
        for (iid, label), a, b in zip(THREE_PUBLIC, tp[0], tp[1]):
            out('    %-17s "%s" %s, %s' % (iid, label, money(a), money(b)))
        out("  }")
        out()
        parts = split(rng, rng.between(0, max(1, self.total[0] // 10)), 3)
        funded = sum(parts) - rng.between(0, parts[0])
        out('  group procurement "政府采购预算" = %s {' % money(sum(parts)))
        for (iid, label), v in zip([("goods", "货物"), ("works", "工程"), ("services", "服务")], parts):
            out('    %-8s "%s" %s' % (iid, label, money(v)))
        out('    memo general_budget_funded "其中：一般公共预算拨款政府采购" %s' % money(funded))
        out("  }")
        out()

    def text(self):
        return "\n".join(line for line in self.lines if line is not None) + "\n"


def consolidation(cid, title, members, checks):
    lines = ["# generated by bench/province/gen.py", 'import "common.bdl"']
    lines += ['import "%s.bdl"' % d.id for d in members]
    lines += ["", 'consolidate %s "%s" {' % (cid, title), "  year 2026", "  unit 万元", "  rounding 0.01"]
    lines.append("  budgets " + ", ".join(d.id for d in members))
    lines.append("  groups  " + CONSOLIDATED)
    lines += ["  " + c for c in checks]
    lines.append("}")
    return "\n".join(lines) + "\n"


class District:
    """A district's consolidation as the province sums it: its total column."""
    def __init__(self, cid, members):
        self.id = cid
        self.stated = [sum(d.stated[c] for d in members) for c in (0, 1)]


def roll_up_checks(members, what):
    total = [sum(d.stated[c] for d in members) for c in (0, 1)]
    return ['assert income == by_function "各部门及合计收支平衡"',
            'assert by_nature == by_function "基本支出与项目支出合计等于支出预算"',
            'assert income[total] == %s "%s收入预算合计%s万元"' % (money(total[0]), what, money(total[0])),
            "assert procurement.general_budget_funded <= procurement"]


def log_uniform(rng, lo, hi):
    """An integer in lo..hi, log-uniformly: decimal's ln and exp are correctly rounded, so
    every Python draws the same sizes (float's libm need not)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 30
        u = decimal.Decimal(rng.below(1 << 20)) / (1 << 20)
        x = decimal.Decimal(lo) * ((decimal.Decimal(hi) / lo).ln() * u).exp()
        return min(hi, int(x.to_integral_value(rounding=decimal.ROUND_HALF_EVEN)))


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def option(argv, name, default):
    if name in argv:
        return int(argv[argv.index(name) + 1])
    return default


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        sys.exit(__doc__)
    out = argv[1]
    seed = option(argv, "--seed", 22)
    ndept = option(argv, "--departments", 3000)
    ndist = option(argv, "--districts", 40)
    rng = Rng(seed)
    kuan, names = catalogue()
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "common.bdl"),
          "# generated by bench/province/gen.py: what every spec of the province shares\n"
          'import "std/cn/2026/functional"\nimport "std/cn/2026/economic"\n\nunit 元\nunit 万元 = 10000 元\n')
    # Districts of unequal size (40-110 departments when there are 75 on average).
    weights = [rng.between(55, 145) for _ in range(ndist)]
    counts = [ndept * w // sum(weights) for w in weights]
    for i in range(ndept - sum(counts)):
        counts[i % ndist] += 1
    departments, districts, manifest, number = [], [], [], 0
    total_items = 0
    for district, count in enumerate(counts, 1):
        members = []
        for _ in range(count):
            number += 1
            items = log_uniform(rng, 50, 2000)
            d = Department(rng, number, district, items, kuan, names)
            write(os.path.join(out, d.id + ".bdl"), d.text())
            members.append(d)
            total_items += items
            manifest.append("%s district_%02d %d" % (d.id, district, items))
        write(os.path.join(out, "district_%02d.bdl" % district),
              consolidation("district_%02d" % district, "第%02d区2026年区级部门预算汇总" % district, members,
                            roll_up_checks(members, "第%02d区" % district)))
        districts.append(District("district_%02d" % district, members))
        departments += members
    write(os.path.join(out, "province.bdl"),
          consolidation("province", "全省2026年部门预算汇总（%d个部门）" % ndept, districts,
                        roll_up_checks(departments, "全省")))
    write(os.path.join(out, "manifest.txt"),
          "seed %d departments %d districts %d items %d\n" % (seed, ndept, ndist, total_items) + "\n".join(manifest) + "\n")


if __name__ == "__main__":
    main(sys.argv)
