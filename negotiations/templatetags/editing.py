from django import template

from negotiations.records import model_name_of, record_url

register = template.Library()


@register.filter
def record_link(record) -> str:
    return record_url(record)


@register.filter
def model_name(record) -> str:
    return model_name_of(record)
