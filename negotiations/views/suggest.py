"""The records an editor may mean by what they type in a development form's offer,
channel or indictment picker."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_GET

from actors.views.suggest import SUGGEST_TEXT_MAX
from negotiations.models import Indictment, Offer, TalksChannel
from negotiations.records import RECORD_MODELS, record_label
from negotiations.selectors.suggest import record_suggestions

SUGGESTED = (Offer, TalksChannel, Indictment)


@require_GET
def record_suggest(request: HttpRequest, model_name: str) -> HttpResponse:
    """`/records/offer/suggest.json?q=amnesty`: a few records matching the text, newest
    first, as {"results": [{"id", "name", "status"}]}, named as the pickers name them;
    bad input is a 400 that says what is wrong."""
    model = RECORD_MODELS.get(model_name)
    if model not in SUGGESTED:
        raise Http404("Only offers, channels and indictments are suggested here.")
    text = request.GET.get("q", "")
    if len(text) > SUGGEST_TEXT_MAX:
        return HttpResponseBadRequest(
            f"q: at most {SUGGEST_TEXT_MAX} characters.", content_type="text/plain; charset=utf-8"
        )
    records = record_suggestions(model, text=text)
    return JsonResponse(
        {
            "results": [
                {"id": r.pk, "name": record_label(r), "status": r.get_status_display()}
                for r in records
            ]
        }
    )
