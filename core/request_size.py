"""A form post larger than DATA_UPLOAD_MAX_MEMORY_SIZE, answered by its form.

Django refuses such a body when it is first read, and the CSRF middleware reads it before
any view: the editor got a bare "Bad Request (400)" for a long paste. A view decorated
with `too_big_answered` reads the body itself first; when it is too big, the view runs
with `request.too_big` set and nothing posted (so it changes nothing and needs no CSRF
check: it only shows its form, with the error, as a GET would). Otherwise the CSRF check
runs as usual, before the view.
"""

import functools

from django.core.exceptions import RequestDataTooBig
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt, csrf_protect


def too_big_answered(view):
    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.too_big = False
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 (reading it parses the body, or raises)
            except RequestDataTooBig:
                request.too_big = True
                request.method = "GET"
                request._post, request._files = QueryDict(), MultiValueDict()
                return view(request, *args, **kwargs)
        return protected(request, *args, **kwargs)

    # The CSRF check is made above, after a body too big to check is answered.
    return csrf_exempt(wrapped)
