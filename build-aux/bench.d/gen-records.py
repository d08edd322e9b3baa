#!/usr/bin/env python3
"""Write synthetic review, tracker and chat exports for build-aux/bench.

usage: gen-records.py KIND SCALE OUT

KIND is one of
  github-rest   a folder of GitHub REST pages (100 objects a page, in the
                names a `gh api --paginate` loop writes): pulls, their
                reviews, review comments and issue comments
  jira-json     one file of Jira REST search pages (expand=changelog), one
                page per line, 50 issues a page, with status histories and
                comments
  slack-events  one NDJSON file of Slack RTM events: messages (a third of
                them thread replies) and some reactions
  jira-csv      one Jira "Export CSV (all fields)" file, with comments
  status-csv    one CSV of status changes on the jira-csv items, plus its
                column mapping (OUT.mapping.json) for `import --mapping`

SCALE multiplies the base size (1 = about 10,000 records). The output is
deterministic: the same arguments give the same bytes. Bodies are short
realistic texts (some with objection markers and ticket keys); every body
is different so nothing can be shared.

The number of records written is printed on stdout (what the workspace
should gain: change requests, reviews, comments, work items, status
changes, messages).
"""
import csv
import json
import os
import random
import sys

BASE_PRS = 500            # github-rest: 500 PRs, 4 reviews, 6 + 8 comments each
BASE_JIRA_ISSUES = 1000   # jira-json: ~3.5 status changes and ~4 comments each
BASE_MESSAGES = 10000     # slack-events
BASE_CSV_ISSUES = 2500    # jira-csv: ~1.5 comments each; status-csv: 4 rows each

T0 = 1577836800           # 2020-01-01T00:00:00Z

WORDS = ("the retry path needs a test before we merge this change and the "
         "cache layer should keep its own lock while the migration runs on "
         "staging next week so that nobody sees a half written schema").split()
OBJECTIONS = ("I disagree with this approach.", "-1, this breaks the API.",
              "I'm worried about the locking here.", "Not sure this is safe.")


def text(rnd, n, key_space=0):
    words = [rnd.choice(WORDS) for _ in range(n)]
    if rnd.random() < 0.08:
        words.append(rnd.choice(OBJECTIONS))
    if key_space and rnd.random() < 0.3:
        words.append("PRJ-%d" % rnd.randrange(1, key_space))
    return " ".join(words).capitalize() + "."


def iso(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def jira_time(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime(t))


def jira_display_time(t):
    import time
    s = time.strftime("%d/%b/%y %I:%M %p", time.gmtime(t))
    # Jira writes the hour without a leading zero: "2/Mar/26 9:15 AM".
    day, mon, rest = s.split("/", 2)
    year, clock, ampm = rest.split(" ")
    return "%s/%s/%s %s %s" % (day, mon, year, clock.lstrip("0") or "0", ampm)


def people(rnd, n):
    weights = [1.0 / (i + 1) ** 0.7 for i in range(n)]
    return lambda: rnd.choices(range(n), weights)[0]


# ---- GitHub REST pages ----

def gh_user(i):
    return {"login": "dev%d" % i, "id": 5000 + i, "node_id": "MDQ6VXNlcj%d" % (5000 + i),
            "url": "https://api.github.com/users/dev%d" % i,
            "html_url": "https://github.com/dev%d" % i,
            "type": "User", "site_admin": False}


def write_pages(folder, stem, objects):
    for page in range(0, len(objects), 100):
        name = os.path.join(folder, "%s-%d.json" % (stem, page // 100 + 1))
        with open(name, "w") as f:
            json.dump(objects[page:page + 100], f, indent=1)


def gen_github(scale, out):
    rnd = random.Random(7)
    who = people(rnd, 300)
    os.makedirs(out, exist_ok=True)
    repo = "bench/project"
    api = "https://api.github.com/repos/" + repo
    n_prs = BASE_PRS * scale
    pulls, reviews, review_comments, issue_comments = [], [], [], []
    review_id, comment_id = 100000, 5000000
    states = ["APPROVED", "APPROVED", "COMMENTED", "CHANGES_REQUESTED", "COMMENTED"]
    for number in range(1, n_prs + 1):
        created = T0 + number * 600
        merged = created + rnd.randrange(3600, 7 * 86400)
        author = who()
        pulls.append({
            "url": "%s/pulls/%d" % (api, number), "id": 900000 + number,
            "node_id": "PR_kwDOBench%d" % number,
            "html_url": "https://github.com/%s/pull/%d" % (repo, number),
            "issue_url": "%s/issues/%d" % (api, number),
            "number": number, "state": "closed", "locked": False,
            "title": "PRJ-%d: %s" % (number // 3 + 1, text(rnd, 6)),
            "user": gh_user(author), "body": text(rnd, 40, n_prs),
            "created_at": iso(created), "updated_at": iso(merged + 5),
            "closed_at": iso(merged), "merged_at": iso(merged),
            "merge_commit_sha": "%040x" % (number * 7919),
            "assignee": None, "assignees": [], "requested_reviewers": [], "labels": [],
            "draft": False,
            "head": {"label": "bench:%d-work" % number, "ref": "%d-work" % number,
                     "sha": "%040x" % (number * 104729), "user": gh_user(author),
                     "repo": {"id": 4242, "full_name": repo, "name": "project"}},
            "base": {"label": "bench:main", "ref": "main", "sha": "%040x" % number,
                     "user": gh_user(0), "repo": {"id": 4242, "full_name": repo,
                                                  "name": "project"}},
            "author_association": "MEMBER",
        })
        first_review = None
        for r in range(4):
            review_id += 1
            first_review = first_review or review_id
            reviews.append({
                "id": review_id, "node_id": "PRR_kwDOBench%d" % review_id,
                "user": gh_user(who()), "body": text(rnd, 12),
                "state": states[(number + r) % len(states)],
                "html_url": "https://github.com/%s/pull/%d#pullrequestreview-%d"
                            % (repo, number, review_id),
                "pull_request_url": "%s/pulls/%d" % (api, number),
                "author_association": "MEMBER", "commit_id": "%040x" % (number * 104729),
                "submitted_at": iso(created + 3600 * (r + 1)),
            })
        for c in range(6):
            comment_id += 1
            rc = {
                "url": "%s/pulls/comments/%d" % (api, comment_id),
                "pull_request_review_id": first_review + c % 4, "id": comment_id,
                "node_id": "PRRC_kwDOBench%d" % comment_id,
                "diff_hunk": "@@ -10,6 +10,9 @@ def handler(request):",
                "path": "src/module%d/file%d.py" % (number % 20, c),
                "position": c + 1, "original_position": c + 1,
                "commit_id": "%040x" % (number * 104729),
                "user": gh_user(who()), "body": text(rnd, 15),
                "created_at": iso(created + 1800 * (c + 1)),
                "updated_at": iso(created + 1800 * (c + 1)),
                "html_url": "https://github.com/%s/pull/%d#discussion_r%d"
                            % (repo, number, comment_id),
                "pull_request_url": "%s/pulls/%d" % (api, number),
                "author_association": "MEMBER",
            }
            if c % 3 == 2:
                rc["in_reply_to_id"] = comment_id - 1
            review_comments.append(rc)
        for c in range(8):
            comment_id += 1
            issue_comments.append({
                "url": "%s/issues/comments/%d" % (api, comment_id),
                "html_url": "https://github.com/%s/issues/%d#issuecomment-%d"
                            % (repo, number, comment_id),
                "issue_url": "%s/issues/%d" % (api, number), "id": comment_id,
                "node_id": "IC_kwDOBench%d" % comment_id, "user": gh_user(who()),
                "created_at": iso(created + 2400 * (c + 1)),
                "updated_at": iso(created + 2400 * (c + 1)),
                "author_association": "MEMBER", "body": text(rnd, 20, n_prs),
            })
    write_pages(out, "pulls", pulls)
    write_pages(out, "reviews", reviews)
    write_pages(out, "review-comments", review_comments)
    write_pages(out, "issue-comments", issue_comments)
    return len(pulls) + len(reviews) + len(review_comments) + len(issue_comments)


# ---- Jira REST search pages ----

JIRA_STATUSES = [("10000", "To Do", 2, "new"), ("3", "In Progress", 4, "indeterminate"),
                 ("10002", "In Review", 4, "indeterminate"), ("10001", "Done", 3, "done")]


def jira_user(i):
    u = {"self": "https://bench.atlassian.net/rest/api/2/user?accountId=acc%06d" % i,
         "accountId": "acc%06d" % i, "displayName": "Person %d" % i,
         "active": True, "timeZone": "Europe/Paris", "accountType": "atlassian"}
    if i % 3 == 0:
        u["emailAddress"] = "person%d@example.com" % i
    return u


def jira_status(s):
    sid, name, cat_id, cat_key = s
    return {"self": "https://bench.atlassian.net/rest/api/2/status/" + sid,
            "name": name, "id": sid,
            "statusCategory": {"id": cat_id, "key": cat_key, "name": name}}


def gen_jira_json(scale, out):
    rnd = random.Random(11)
    who = people(rnd, 400)
    n_issues = BASE_JIRA_ISSUES * scale
    n_records = 0
    history_id, comment_id = 100000, 500000
    with open(out, "w") as f:
        for page_start in range(0, n_issues, 50):
            issues = []
            for n in range(page_start + 1, min(page_start + 50, n_issues) + 1):
                created = T0 + n * 900
                steps = rnd.randint(1, 6)
                path = [0]
                for _ in range(steps):
                    nxt = path[-1] + 1 if path[-1] < 3 and rnd.random() < 0.8 else max(0, path[-1] - 1)
                    path.append(nxt)
                histories = []
                t = created
                for k in range(1, len(path)):
                    t += rnd.randrange(600, 86400)
                    history_id += 1
                    items = [{"field": "status", "fieldtype": "jira", "fieldId": "status",
                              "from": JIRA_STATUSES[path[k - 1]][0],
                              "fromString": JIRA_STATUSES[path[k - 1]][1],
                              "to": JIRA_STATUSES[path[k]][0],
                              "toString": JIRA_STATUSES[path[k]][1]}]
                    if k == 1:
                        items.insert(0, {"field": "assignee", "fieldtype": "jira",
                                         "fieldId": "assignee", "from": None,
                                         "fromString": None, "to": "acc%06d" % who(),
                                         "toString": "Someone"})
                    histories.append({"id": str(history_id), "author": jira_user(who()),
                                      "created": jira_time(t), "items": items})
                histories.reverse()   # Jira lists the newest first
                comments = []
                for c in range(rnd.randint(0, 8)):
                    comment_id += 1
                    ct = created + 3600 * (c + 1)
                    comments.append({
                        "self": "https://bench.atlassian.net/rest/api/2/issue/%d/comment/%d"
                                % (10000 + n, comment_id),
                        "id": str(comment_id), "author": jira_user(who()),
                        "body": text(rnd, 18), "updateAuthor": jira_user(who()),
                        "created": jira_time(ct), "updated": jira_time(ct)})
                final = JIRA_STATUSES[path[-1]]
                issues.append({
                    "expand": "operations,changelog", "id": str(10000 + n),
                    "self": "https://bench.atlassian.net/rest/api/2/issue/%d" % (10000 + n),
                    "key": "PRJ-%d" % n,
                    "fields": {
                        "issuetype": {"id": "10001", "name": rnd.choice(["Story", "Bug", "Task"]),
                                      "subtask": False},
                        "customfield_10016": float(rnd.choice([1, 2, 3, 5, 8])),
                        "project": {"id": "10000", "key": "PRJ", "name": "Bench Project"},
                        "resolutiondate": jira_time(t) if path[-1] == 3 else None,
                        "created": jira_time(created), "updated": jira_time(t + 60),
                        "labels": ["backend"] if n % 4 else ["rfc"],
                        "assignee": jira_user(who()), "reporter": jira_user(who()),
                        "creator": jira_user(who()), "status": jira_status(final),
                        "description": text(rnd, 50), "summary": text(rnd, 8),
                        "comment": {"comments": comments, "maxResults": len(comments),
                                    "total": len(comments), "startAt": 0},
                    },
                    "changelog": {"startAt": 0, "maxResults": len(histories),
                                  "total": len(histories), "histories": histories},
                })
                n_records += 1 + (len(path) - 1) + len(comments)
            page = {"expand": "names,schema", "startAt": page_start, "maxResults": 50,
                    "total": n_issues, "issues": issues,
                    "names": {"customfield_10016": "Story Points"}}
            f.write(json.dumps(page, separators=(",", ":")))
            f.write("\n")
    return n_records


# ---- Slack RTM events ----

def gen_slack(scale, out):
    rnd = random.Random(13)
    who = people(rnd, 250)
    n = BASE_MESSAGES * scale
    roots = {}
    t = float(T0)
    written = 0
    with open(out, "w") as f:
        while written < n:
            t += rnd.uniform(1, 90)
            channel = "C%05d" % rnd.randrange(20)
            ts = "%.6f" % t
            ev = {"type": "message", "channel": channel, "user": "U%05d" % who(),
                  "text": text(rnd, rnd.randint(3, 30)), "ts": ts,
                  "team": "T0BENCH", "source_team": "T0BENCH"}
            if roots.get(channel) and rnd.random() < 0.35:
                ev["thread_ts"] = rnd.choice(roots[channel][-20:])
            else:
                roots.setdefault(channel, []).append(ts)
            f.write(json.dumps(ev, separators=(",", ":")))
            f.write("\n")
            written += 1
            if rnd.random() < 0.1:
                f.write(json.dumps({"type": "reaction_added", "user": "U%05d" % who(),
                                    "reaction": "thumbsup",
                                    "item": {"type": "message", "channel": channel, "ts": ts},
                                    "event_ts": "%.6f" % (t + 1), "ts": "%.6f" % (t + 1)},
                                   separators=(",", ":")))
                f.write("\n")
    return written


# ---- Jira CSV, and status changes through a mapping ----

CSV_STATUSES = [("To Do", "To Do"), ("In Progress", "In Progress"),
                ("In Review", "In Progress"), ("Done", "Done")]


def gen_jira_csv(scale, out):
    rnd = random.Random(17)
    who = people(rnd, 400)
    n_issues = BASE_CSV_ISSUES * scale
    header = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key",
              "Project name", "Priority", "Resolution", "Assignee", "Assignee Id",
              "Reporter", "Reporter Id", "Created", "Updated", "Resolved", "Labels",
              "Labels", "Description", "Custom field (Story Points)", "Status Category",
              "Status Category Changed", "Comment", "Comment", "Comment"]
    n_comments = 0
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for n in range(1, n_issues + 1):
            created = T0 + n * 1200
            status, category = CSV_STATUSES[rnd.randrange(4)]
            updated = created + rnd.randrange(3600, 20 * 86400)
            a, r = who(), who()
            comments = []
            for c in range(rnd.choice([0, 1, 1, 2, 3])):
                comments.append("%s;acc%06d;%s" % (jira_display_time(created + 7200 * (c + 1)),
                                                   who(), text(rnd, 16)))
            n_comments += len(comments)
            comments += [""] * (3 - len(comments))
            w.writerow([text(rnd, 8), "CSV-%d" % n, str(20000 + n),
                        rnd.choice(["Story", "Bug", "Task"]), status, "CSV", "Bench CSV",
                        "Medium", "Done" if category == "Done" else "",
                        "Person %d" % a, "acc%06d" % a, "Person %d" % r, "acc%06d" % r,
                        jira_display_time(created), jira_display_time(updated),
                        jira_display_time(updated) if category == "Done" else "",
                        "backend", "ADR" if n % 25 == 0 else "",
                        text(rnd, 40), str(rnd.choice([1, 2, 3, 5, 8])), category,
                        jira_display_time(updated)] + comments)
    # Each item, and each comment; the derived status history adds more.
    return n_issues + n_comments


def gen_status_csv(scale, out):
    rnd = random.Random(19)
    who = people(rnd, 400)
    n_issues = BASE_CSV_ISSUES * scale
    rows = 0
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["issue", "when", "who", "from", "to"])
        for n in range(1, n_issues + 1):
            t = T0 + n * 1200
            for k in range(4):
                t += rnd.randrange(600, 86400)
                w.writerow(["CSV-%d" % n, iso(t), "acc%06d" % who(),
                            CSV_STATUSES[k][0], CSV_STATUSES[(k + 1) % 4][0]])
                rows += 1
    with open(out + ".mapping.json", "w") as f:
        json.dump({"kind": "status_change", "system": "jira",
                   "columns": {"key": "issue", "created": "when", "author": "who",
                               "from": "from", "to": "to"}}, f, indent=2)
    return rows


GENERATORS = {
    "github-rest": gen_github,
    "jira-json": gen_jira_json,
    "slack-events": gen_slack,
    "jira-csv": gen_jira_csv,
    "status-csv": gen_status_csv,
}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in GENERATORS:
        sys.stderr.write(__doc__)
        sys.exit(2)
    print(GENERATORS[sys.argv[1]](int(sys.argv[2]), sys.argv[3]))


if __name__ == "__main__":
    main()
