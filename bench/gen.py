#!/usr/bin/env python3
"""bench/gen.py - deterministic BDL specs for the benchmark (Python 3, standard library only).

    gen.py realistic N      a provincial roll-up of N line items (the bench's main input)
    gen.py wide N           one group with N children
    gen.py siblings N       N sibling groups at the top of the budget
    gen.py asserts N K      N assertions, each naming K items
    gen.py deep N           a chain of N nested groups (bdl refuses more than 100 levels)
    gen.py empty            an empty file

The same arguments always give the same bytes: the generator has its own PRNG (xorshift64*),
so no Python version changes the output. Writes to standard output, or to -o FILE.

A realistic spec is a budget with three levels of nested groups: departments (部门), each
with functional-classification 款 groups (code 20502), each with 项 groups (code 2050201)
holding the line items. Every line item has two value columns (2026, 2025) and an economic
classification code; some carry notes and tags, some groups a memo line (其中). Labels are
mostly Chinese, some ASCII; a few IDs are Chinese. Every group states its totals, which
reconcile with its children (now and then off by 0.01, a rounding difference within the
bound), and every group carries one assertion: the change on last year for departments and
项 groups, and the share of its department (~=, as published) for 款 groups. The spec
compiles with no diagnostics.
"""

import sys

MASK = (1 << 64) - 1


class Rng:
    """xorshift64*: small, fast enough, and identical on every Python."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 1) & MASK or 1

    def next(self):
        s = self.s
        s ^= s >> 12
        s ^= (s << 25) & MASK
        s ^= s >> 27
        self.s = s
        return ((s * 0x2545F4914F6CDD1D) & MASK) >> 11

    def below(self, n):
        return self.next() % n

    def between(self, lo, hi):
        return lo + self.next() % (hi - lo + 1)

    def sample(self, pool, k):
        """k distinct elements of pool, in a random order (partial Fisher-Yates)."""
        p = list(pool)
        for i in range(k):
            j = i + self.below(len(p) - i)
            p[i], p[j] = p[j], p[i]
        return p[:k]


# Economic classification (支出经济分类, 款): code, ID, Chinese label, ASCII label.
ECONOMIC = [
    ("30101", "basic_salary", "基本工资", "Basic salaries"),
    ("30102", "allowances", "津贴补贴", "Allowances"),
    ("30103", "bonus", "奖金", "Bonuses"),
    ("30107", "performance_pay", "绩效工资", "Performance pay"),
    ("30108", "pension_insurance", "机关事业单位基本养老保险缴费", "Pension insurance"),
    ("30110", "medical_insurance", "职工基本医疗保险缴费", "Medical insurance"),
    ("30112", "other_social_security", "其他社会保障缴费", "Other social security"),
    ("30113", "housing_fund", "住房公积金", "Housing provident fund"),
    ("30201", "办公费", "办公费", "Office expenses"),
    ("30202", "printing", "印刷费", "Printing"),
    ("30205", "water", "水费", "Water"),
    ("30206", "electricity", "电费", "Electricity"),
    ("30207", "postal", "邮电费", "Post and telecoms"),
    ("30211", "差旅费", "差旅费", "Travel"),
    ("30213", "maintenance", "维修（护）费", "Maintenance"),
    ("30214", "rent", "租赁费", "Rent"),
    ("30215", "meetings", "会议费", "Meetings"),
    ("30216", "training", "培训费", "Training"),
    ("30217", "reception", "公务接待费", "Official reception"),
    ("30226", "labour", "劳务费", "Labour services"),
    ("30227", "contracted", "委托业务费", "Contracted services"),
    ("30228", "union_fees", "工会经费", "Trade union fees"),
    ("30229", "welfare", "福利费", "Welfare"),
    ("30231", "vehicle_operation", "公务用车运行维护费", "Official vehicle operation"),
    ("30239", "other_transport", "其他交通费用", "Other transport"),
    ("30299", "other_goods", "其他商品和服务支出", "Other goods and services"),
    ("30301", "retirement", "离休费", "Retirement pay"),
    ("30302", "pension", "退休费", "Pensions"),
    ("30305", "living_allowance", "生活补助", "Living allowances"),
    ("30309", "awards", "奖励金", "Awards"),
    ("31002", "office_equipment", "办公设备购置", "Office equipment"),
    ("31003", "special_equipment", "专用设备购置", "Special equipment"),
    ("31007", "it_software", "信息网络及软件购置更新", "IT network and software"),
]

# Functional classification (支出功能分类, 款 level).
FUNCTIONS = [
    ("20101", "人大事务"), ("20103", "政府办公厅（室）及相关机构事务"), ("20104", "发展与改革事务"),
    ("20105", "统计信息事务"), ("20106", "财政事务"), ("20107", "税收事务"), ("20108", "审计事务"),
    ("20111", "纪检监察事务"), ("20113", "商贸事务"), ("20126", "档案事务"), ("20501", "教育管理事务"),
    ("20502", "普通教育"), ("20503", "职业教育"), ("20507", "特殊教育"), ("20508", "进修及培训"),
    ("20601", "科学技术管理事务"), ("20602", "基础研究"), ("20701", "文化和旅游"), ("20708", "广播电视"),
    ("20801", "人力资源和社会保障管理事务"), ("20805", "行政事业单位养老支出"), ("20808", "抚恤"),
    ("21001", "卫生健康管理事务"), ("21002", "公立医院"), ("21004", "公共卫生"), ("21011", "行政事业单位医疗"),
    ("21101", "环境保护管理事务"), ("21103", "污染防治"), ("21201", "城乡社区管理事务"),
    ("21301", "农业农村"), ("21303", "水利"), ("21401", "公路水路运输"), ("21505", "工业和信息产业监管"),
    ("22101", "保障性安居工程支出"), ("22102", "住房改革支出"), ("22401", "应急管理事务"),
]

# 项 under a 款: the last two digits of the code and the label.
SUBFUNCTIONS = [
    ("01", "行政运行"), ("02", "一般行政管理事务"), ("03", "机关服务"), ("04", "专项业务"),
    ("05", "信息化建设"), ("50", "事业运行"), ("99", "其他支出"),
]

DEPARTMENTS = [
    "省教育厅", "省财政厅", "省卫生健康委员会", "省交通运输厅", "省农业农村厅", "省生态环境厅",
    "省人力资源和社会保障厅", "省住房和城乡建设厅", "省水利厅", "省文化和旅游厅", "省科学技术厅",
    "省统计局", "省审计厅", "省应急管理厅", "省档案馆", "省发展和改革委员会",
]

NOTES = [
    "新招录人员等", "增加了专项经费", "按标准调整", "含上年结转", "压减一般性支出",
    "根据实际需要安排", "Adjusted for the 2026 pay scale", "含信息化运维",
]


def money(cents):
    """A figure in 万元 with two decimals, from an integer number of cents."""
    sign = "-" if cents < 0 else ""
    c = abs(cents)
    return "%s%d.%02d" % (sign, c // 100, c % 100)


def change_claim(path, this_year, last_year):
    d = this_year - last_year
    word = "增加" if d >= 0 else "减少"
    return 'assert %s[2026] - %s[2025] == %s "较上年%s%s万元"' % (
        path, path, money(d), word, money(abs(d)))


def share_claim(path, part, whole, dept_path):
    # part/whole rounded half up to 0.01% (k hundredths of a percent), as published.
    k = (2 * part * 10000 + whole) // (2 * whole)
    return 'assert %s[2026] / %s[2026] ~= %d.%02d%% "占部门预算%d.%02d%%"' % (
        path, dept_path, k // 100, k % 100, k // 100, k % 100)


def header(out, budget_id, title, columns='2026 "2026年预算数", 2025 "2025年预算数"'):
    out.append("# generated by bench/gen.py; do not edit\n")
    out.append("unit 元\nunit 万元 = 10000 元\n\n")
    out.append('budget %s "%s" {\n' % (budget_id, title))
    out.append('  meta entity "某省财政厅（基准测试）"\n')
    out.append('  meta source "bench/gen.py"\n')
    out.append("  year     2026\n  unit     万元\n  rounding 0.01\n")
    out.append("  columns  %s\n" % columns)


def realistic(n, out):
    rng = Rng(n)
    header(out, "province_2026", "某省2026年省级部门预算汇总")
    left = n
    dept_no = 0
    while left > 0:
        dept_no += 1
        dept_id = "d%05d" % dept_no
        dept_label = "%s（单位%d）" % (DEPARTMENTS[rng.below(len(DEPARTMENTS))], dept_no)
        body = []
        dept_cur = dept_prev = 0
        funcs = rng.sample(FUNCTIONS, rng.between(3, 7))
        kuan = []  # (path, stated 2026) for the share claims
        for code, flabel in funcs:
            if left == 0:
                break
            f_id = "f" + code
            f_path = "%s.%s" % (dept_id, f_id)
            f_body = []
            f_cur = f_prev = 0
            for suffix, plabel in rng.sample(SUBFUNCTIONS, rng.between(3, 7)):
                if left == 0:
                    break
                p_code = code + suffix
                p_id = "p" + p_code
                p_path = "%s.%s" % (f_path, p_id)
                k = min(left, rng.between(4, 12))
                left -= k
                lines = []
                cur = prev = 0
                for ecode, eid, zh, en in rng.sample(ECONOMIC, k):
                    c = rng.between(50, 500000)
                    p = c * rng.between(80, 120) // 100
                    cur += c
                    prev += p
                    label = en if rng.below(8) == 0 else zh
                    line = '        %s "%s" %s, %s code economic %s' % (eid, label, money(c), money(p), ecode)
                    if rng.below(5) == 0:
                        line += ' note "%s"' % NOTES[rng.below(len(NOTES))]
                    if rng.below(20) == 0:
                        line += ' tag source="表%d"' % rng.between(1, 9)
                    lines.append(line + "\n")
                if rng.below(10) == 0:
                    memo = cur * rng.between(1, 30) // 100
                    lines.append('        memo procurement "其中：政府采购" %s\n' % money(memo))
                # A published total: now and then one cent off (within the rounding bound).
                s_cur = cur + (rng.below(3) - 1 if rng.below(10) == 0 else 0)
                s_prev = prev
                f_cur += s_cur
                f_prev += s_prev
                f_body.append('      group %s "%s" = %s, %s code %s {\n' % (
                    p_id, plabel, money(s_cur), money(s_prev), p_code))
                f_body.extend(lines)
                f_body.append("        %s\n      }\n" % change_claim(p_path, s_cur, s_prev))
            s_cur = f_cur + (rng.below(3) - 1 if rng.below(10) == 0 else 0)
            dept_cur += s_cur
            dept_prev += f_prev
            kuan.append((f_path, s_cur))
            body.append(['    group %s "%s" = %s, %s code %s {\n' % (
                f_id, flabel, money(s_cur), money(f_prev), code)] + f_body)
        out.append('  group %s "%s" = %s, %s {\n' % (dept_id, dept_label, money(dept_cur), money(dept_prev)))
        for (f_path, f_cur), block in zip(kuan, body):
            out.extend(block)
            if dept_cur > 0:
                out.append("      %s\n" % share_claim(f_path, f_cur, dept_cur, dept_id))
            out.append("    }\n")
        out.append("    %s\n  }\n" % change_claim(dept_id, dept_cur, dept_prev))
    out.append("}\n")


def wide(n, out):
    rng = Rng(n + 1)
    header(out, "wide", "一个组百万明细")
    lines = []
    cur = prev = 0
    for i in range(n):
        c = rng.between(50, 500000)
        p = c * rng.between(80, 120) // 100
        cur += c
        prev += p
        lines.append('    x%07d "明细%d" %s, %s\n' % (i, i, money(c), money(p)))
    out.append('  group all "全部" = %s, %s {\n' % (money(cur), money(prev)))
    out.extend(lines)
    out.append("    %s\n  }\n}\n" % change_claim("all", cur, prev))


def siblings(n, out):
    rng = Rng(n + 2)
    header(out, "siblings", "十万个并列分组")
    for i in range(n):
        c = rng.between(50, 500000)
        p = c * rng.between(80, 120) // 100
        g = "g%06d" % i
        out.append('  group %s "分组%d" = %s, %s {\n    x "明细" %s, %s\n    %s\n  }\n' % (
            g, i, money(c), money(p), money(c), money(p), change_claim(g, c, p)))
    out.append("}\n")


def asserts(n, k, out):
    """n assertions over a pool of n items (at least k), each summing k consecutive ones."""
    rng = Rng(n * 1000 + k)
    header(out, "asserts", "一万条断言", columns='2026 "2026年预算数"')
    pool = max(n, k)
    vals = [rng.between(50, 500000) for _ in range(pool)]
    out.append('  group pool "明细" {\n')
    for i in range(pool):
        out.append('    x%06d "明细%d" %s\n' % (i, i, money(vals[i])))
    out.append("  }\n")
    for j in range(n):
        idx = [(j + t) % pool for t in range(k)]
        total = sum(vals[i] for i in idx)
        out.append("  assert %s == %s\n" % (" + ".join("x%06d" % i for i in idx), money(total)))
    out.append("}\n")


def deep(n, out):
    header(out, "deep", "一万层嵌套")
    for i in range(n):
        out.append('%sgroup c%d "第%d层" {\n' % (" " * (i % 64), i, i))
    out.append('x "明细" 1.00, 1.00\n')
    for i in reversed(range(n)):
        out.append("%s}\n" % (" " * (i % 64)))
    out.append("}\n")


def main(argv):
    args = list(argv[1:])
    path = None
    if "-o" in args:
        i = args.index("-o")
        path = args[i + 1]
        del args[i:i + 2]
    if not args:
        sys.exit(__doc__)
    shape, nums = args[0], [int(a) for a in args[1:]]
    out = []
    if shape == "realistic":
        realistic(nums[0], out)
    elif shape == "wide":
        wide(nums[0], out)
    elif shape == "siblings":
        siblings(nums[0], out)
    elif shape == "asserts":
        asserts(nums[0], nums[1], out)
    elif shape == "deep":
        deep(nums[0], out)
    elif shape == "empty":
        pass
    else:
        sys.exit("gen.py: unknown shape %r\n%s" % (shape, __doc__))
    data = "".join(out).encode("utf-8")
    if path:
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        import os
        os.replace(tmp, path)
    else:
        sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main(sys.argv)
