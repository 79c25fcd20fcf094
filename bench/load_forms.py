"""The POST forms of a page as a browser would send them: bench/load.py's editor reads the form it
saves from the page it opened (split from load.py, which keeps the users and the server)."""

from html.parser import HTMLParser


class PostForms(HTMLParser):
    """The POST forms of a page, each as the fields a browser would send (checked boxes only, a
    select's chosen option, a textarea's text), without its submit buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {} if (a.get("method") or "").lower() == "post" else None
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type", "text") not in ("submit", "button", "image", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self._form[a["name"]] = a.get("value") or "on"
            else:
                self._form[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a["name"]
            self._form.setdefault(self._select, None)
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[self._textarea] = ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append({k: v for k, v in self._form.items() if v is not None})
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class _Options(PostForms):
    """PostForms that also reads a select's options: the selected one, else the first."""

    def handle_starttag(self, tag, attrs):
        if tag == "option" and self._form is not None and self._select:
            a = dict(attrs)
            if "selected" in a or self._form.get(self._select) is None:
                self._form[self._select] = a.get("value", "")
            return
        super().handle_starttag(tag, attrs)


def main_form(html) -> dict:
    """The page's biggest POST form (not the log-out button's)."""
    parser = _Options()
    parser.feed(html)
    return max(parser.forms, key=len, default={})
