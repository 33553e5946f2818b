"""`pdf village-book` and `pdf pool` through the real command: the book names the village's sitting
两委 and its reserves as the exports list them; the pool lists every village; refusals exit 1 and
write nothing."""
import subprocess


def _text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.replace(" ", "")


def test_village_book_and_pool(cli, tmp_path):
    cli("demo", "--villages", "2", "--returnees", "10", "--seed", "5", check=0)
    cov = cli.json("coverage", "--format", "json")
    village = cov[0]["village"]
    out = tmp_path / "book.pdf"
    cli("pdf", "village-book", "--village", village, "-o", str(out), check=0)
    text = _text(out)
    sitting = [c["name"] for c in cli.json("export", "cadres", "--format", "json")
               if c["village"] == village and c["current"]]
    reserves = [r["name"] for r in cli.json("export", "reserves", "--format", "json")
                if r["village"] == village and r["status"] == "active"]
    assert sitting and reserves
    for name in sitting + reserves:
        assert name in text, name
    assert "现任村“两委”成员" in text and "后备干部结构" in text and "培训班次" in text
    pool = tmp_path / "pool.pdf"
    res = cli("pdf", "pool", "-o", str(pool), check=0)
    assert "一乡一库" in res.stdout
    text = _text(pool)
    assert all(v["village"] in text for v in cov) and "后备干部结构" in text
    bad = cli("pdf", "village-book", "--village", "没有这个村", "-o", str(tmp_path / "x.pdf"), check=1)
    assert bad.stderr.startswith("错误：找不到村(社区)“没有这个村”") and not (tmp_path / "x.pdf").exists()
