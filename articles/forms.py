"""Forms: the upload page (pasted text and files)."""

from __future__ import annotations

from django import forms

from articles.documents import ACCEPTED_SUFFIXES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked later, one by one, so one bad file refuses only itself."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(sorted(ACCEPTED_SUFFIXES))}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class UploadForm(forms.Form):
    files = MultipleFileField(label="Files (.txt, .md, .html, .json, .jsonl)")
    text = forms.CharField(label="Or paste an article", widget=forms.Textarea(attrs={"rows": 8}), required=False)
    title = forms.CharField(max_length=500, required=False)
    publication = forms.CharField(max_length=200, required=False)
    published = forms.DateField(label="Date published", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    url = forms.URLField(label="URL", max_length=2000, required=False, assume_scheme="https")

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("files") and not (data.get("text") or "").strip():
            if any((data.get(f) or "") for f in ("title", "publication", "url")) and "text" not in self.errors:
                self.add_error("text", "Paste the article's text, or choose files.")
            elif not self.errors:
                raise forms.ValidationError("Choose one or more files, or paste an article's text.")
        return data
