"""Spectral's built-in ``spectral:oas`` ruleset (spectral-rulesets 1.23.1, as run by Spectral
CLI 6.16.3), in Spectral's ruleset shape with functions named instead of imported.

Every rule keeps Spectral's code, description, message, severity, ``recommended`` flag,
formats, ``given`` paths, ``then`` and ``resolved``; rules without a severity in Spectral have
its default ("warn") written out. Each rule's ``documentationUrl`` points at its section of
Spectral's OpenAPI rules reference.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DOCUMENTATION_URL", "RULESET"]

DOCUMENTATION_URL = "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules"

ALIASES: dict[str, Any] = {
    "PathItem": ["$.paths[*]"],
    "OperationObject": ["#PathItem[get,put,post,delete,options,head,patch,trace]"],
    "SecurityRequirementObject": ["$.security[*]", "#OperationObject.security[*]"],
    "ResponseObject": {
        "targets": [
            {"formats": ["oas2"], "given": ["#OperationObject.responses[*]", "$.responses[*]"]},
            {
                "formats": ["oas3"],
                "given": ["#OperationObject.responses[*]", "$.components.responses[*]"],
            },
        ]
    },
    "LinkObject": {
        "targets": [
            {"formats": ["oas3"], "given": ["$.components.links[*]", "#ResponseObject.links[*]"]}
        ]
    },
    "ArrayProperties": {
        "targets": [
            {"formats": ["oas2", "oas3.0"], "given": ['$..[?(@ && @.type=="array")]']},
            {
                "formats": ["oas3.1", "oas3.2"],
                "given": [
                    '$..[?(@ && @.type=="array")]',
                    "$..[?(@ && @.type && "
                    "@.type.constructor.name === "
                    '"Array" && '
                    '@.type.includes("array"))]',
                ],
            },
        ]
    },
}

RULES: dict[str, dict[str, Any]] = {
    "operation-success-response": {
        "description": 'Operation must have at least one "2xx" or "3xx" response.',
        "severity": "warn",
        "recommended": True,
        "given": "#OperationObject",
        "then": {"field": "responses", "function": "oasOpSuccessResponse"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-success-response",
    },
    "oas2-operation-formData-consume-check": {
        "description": 'Operations with "in: '
        'formData" parameter must '
        "include "
        '"application/x-www-form-urlencoded" '
        'or "multipart/form-data" in '
        'their "consumes" property.',
        "severity": "warn",
        "recommended": True,
        "formats": ["oas2"],
        "given": "#OperationObject",
        "then": {"function": "oasOpFormDataConsumeCheck"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-operation-formData-consume-check",
    },
    "operation-operationId-unique": {
        "description": 'Every operation must have unique "operationId".',
        "severity": "error",
        "recommended": True,
        "given": "$.paths",
        "then": {"function": "oasOpIdUnique"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-operationId-unique",
    },
    "operation-parameters": {
        "description": "Operation parameters are unique and non-repeating.",
        "message": "{{error}}",
        "severity": "warn",
        "recommended": True,
        "given": "#OperationObject.parameters",
        "then": {"function": "oasOpParams"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-parameters",
    },
    "operation-tag-defined": {
        "description": "Operation tags must be defined in global tags.",
        "severity": "warn",
        "recommended": True,
        "given": "$",
        "then": {"function": "oasTagDefined"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-tag-defined",
    },
    "path-params": {
        "description": "Path parameters must be defined and valid.",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "given": "$.paths",
        "then": {"function": "oasPathParam"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#path-params",
    },
    "contact-properties": {
        "description": 'Contact object must have "name", "url" and "email".',
        "severity": "warn",
        "recommended": False,
        "given": "$.info.contact",
        "then": [
            {"field": "name", "function": "truthy"},
            {"field": "url", "function": "truthy"},
            {"field": "email", "function": "truthy"},
        ],
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#contact-properties",
    },
    "duplicated-entry-in-enum": {
        "description": "Enum values must not have duplicate entry.",
        "message": "{{error}}",
        "severity": "warn",
        "recommended": True,
        "given": [
            "$..[?(@property !== 'properties' && @ != "
            "null && @.enum && @.enum.constructor.name "
            "=== 'Array')]"
        ],
        "then": {
            "field": "enum",
            "function": "oasSchema",
            "functionOptions": {"schema": {"type": "array", "uniqueItems": True}},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#duplicated-entry-in-enum",
    },
    "info-contact": {
        "description": 'Info object must have "contact" object.',
        "severity": "warn",
        "recommended": True,
        "given": "$",
        "then": {"field": "info.contact", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#info-contact",
    },
    "info-description": {
        "description": 'Info "description" must be present and non-empty string.',
        "severity": "warn",
        "recommended": True,
        "given": "$",
        "then": {"field": "info.description", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#info-description",
    },
    "info-license": {
        "description": 'Info object must have "license" object.',
        "severity": "warn",
        "recommended": False,
        "given": "$",
        "then": {"field": "info.license", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#info-license",
    },
    "license-url": {
        "description": 'License object must include "url".',
        "severity": "warn",
        "recommended": False,
        "given": "$",
        "then": {"field": "info.license.url", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#license-url",
    },
    "no-eval-in-markdown": {
        "description": 'Markdown descriptions must not have "eval(".',
        "severity": "warn",
        "recommended": True,
        "given": "$..[description,title]",
        "then": {"function": "pattern", "functionOptions": {"notMatch": "eval\\("}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#no-eval-in-markdown",
    },
    "no-script-tags-in-markdown": {
        "description": 'Markdown descriptions must not have "<script>" tags.',
        "severity": "warn",
        "recommended": True,
        "given": "$..[description,title]",
        "then": {"function": "pattern", "functionOptions": {"notMatch": "<script"}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#no-script-tags-in-markdown",
    },
    "openapi-tags-alphabetical": {
        "description": 'OpenAPI object must have alphabetical "tags".',
        "severity": "warn",
        "recommended": False,
        "given": "$",
        "then": {
            "field": "tags",
            "function": "alphabetical",
            "functionOptions": {"keyedBy": "name"},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#openapi-tags-alphabetical",
    },
    "openapi-tags-uniqueness": {
        "description": "Each tag must have a unique name.",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "given": "$.tags",
        "then": {"function": "uniquenessTags"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#openapi-tags-uniqueness",
    },
    "openapi-tags": {
        "description": 'OpenAPI object must have non-empty "tags" array.',
        "severity": "warn",
        "recommended": False,
        "given": "$",
        "then": {
            "field": "tags",
            "function": "schema",
            "functionOptions": {"dialect": "draft7", "schema": {"type": "array", "minItems": 1}},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#openapi-tags",
    },
    "operation-description": {
        "description": 'Operation "description" must be present and non-empty string.',
        "severity": "warn",
        "recommended": True,
        "given": "#OperationObject",
        "then": {"field": "description", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-description",
    },
    "operation-operationId": {
        "description": 'Operation must have "operationId".',
        "severity": "warn",
        "recommended": True,
        "given": "#OperationObject",
        "then": {"field": "operationId", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-operationId",
    },
    "operation-operationId-valid-in-url": {
        "message": "operationId must not contain characters that are invalid when used in URL.",
        "severity": "warn",
        "recommended": True,
        "given": "#OperationObject",
        "then": {
            "field": "operationId",
            "function": "pattern",
            "functionOptions": {"match": "^[A-Za-z0-9-._~:/?#\\[\\]@!\\$&'()*+,;=]*$"},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-operationId-valid-in-url",
    },
    "operation-singular-tag": {
        "description": "Operation must not have more than a single tag.",
        "severity": "warn",
        "recommended": False,
        "given": "#OperationObject",
        "then": {"field": "tags", "function": "length", "functionOptions": {"max": 1}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-singular-tag",
    },
    "operation-tags": {
        "description": 'Operation must have non-empty "tags" array.',
        "severity": "warn",
        "recommended": True,
        "given": "#OperationObject",
        "then": {
            "field": "tags",
            "function": "schema",
            "functionOptions": {"dialect": "draft7", "schema": {"type": "array", "minItems": 1}},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#operation-tags",
    },
    "path-declarations-must-exist": {
        "message": 'Path parameter declarations must not be empty, ex."/given/{}" is invalid.',
        "severity": "warn",
        "recommended": True,
        "given": "$.paths",
        "then": {"field": "@key", "function": "pattern", "functionOptions": {"notMatch": "{}"}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#path-declarations-must-exist",
    },
    "path-keys-no-trailing-slash": {
        "message": "Path must not end with slash.",
        "severity": "warn",
        "recommended": True,
        "given": "$.paths",
        "then": {"field": "@key", "function": "pattern", "functionOptions": {"notMatch": ".+\\/$"}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#path-keys-no-trailing-slash",
    },
    "path-not-include-query": {
        "description": "Path must not include query string.",
        "severity": "warn",
        "recommended": True,
        "given": "$.paths",
        "then": {"field": "@key", "function": "pattern", "functionOptions": {"notMatch": "\\?"}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#path-not-include-query",
    },
    "tag-description": {
        "description": 'Tag object must have "description".',
        "severity": "warn",
        "recommended": False,
        "given": "$.tags[*]",
        "then": {"field": "description", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#tag-description",
    },
    "no-$ref-siblings": {
        "description": "Property must not be placed among $ref",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "formats": ["oas2", "oas3.0"],
        "given": "$..[?(@property === '$ref')]",
        "then": {"function": "refSiblings"},
        "resolved": False,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#no-$ref-siblings",
    },
    "array-items": {
        "message": 'Schemas with "type: array", require a sibling "items" field',
        "severity": "error",
        "recommended": True,
        "given": "#ArrayProperties",
        "then": {"function": "truthy", "field": "items"},
        "resolved": False,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#array-items",
    },
    "typed-enum": {
        "description": "Enum values must respect the specified type.",
        "message": "{{error}}",
        "severity": "warn",
        "recommended": True,
        "given": "$..[?(@ && @.enum && @.type)]",
        "then": {"function": "typedEnum"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#typed-enum",
    },
    "oas2-api-host": {
        "description": 'OpenAPI "host" must be present and non-empty string.',
        "severity": "warn",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$",
        "then": {"field": "host", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-api-host",
    },
    "oas2-api-schemes": {
        "description": 'OpenAPI host "schemes" must be present and non-empty array.',
        "severity": "warn",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$",
        "then": {
            "field": "schemes",
            "function": "schema",
            "functionOptions": {
                "dialect": "draft7",
                "schema": {"items": {"type": "string"}, "minItems": 1, "type": "array"},
            },
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-api-schemes",
    },
    "oas2-discriminator": {
        "description": "discriminator property must be defined and required",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$.definitions[?(@ && @.discriminator)]",
        "then": {"function": "oasDiscriminator"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-discriminator",
    },
    "oas2-host-not-example": {
        "description": "Host URL must not point at example.com.",
        "severity": "warn",
        "recommended": False,
        "formats": ["oas2"],
        "given": "$",
        "then": {
            "field": "host",
            "function": "pattern",
            "functionOptions": {"notMatch": "example\\.com"},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-host-not-example",
    },
    "oas2-host-trailing-slash": {
        "description": "Server URL must not have trailing slash.",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$",
        "then": {"field": "host", "function": "pattern", "functionOptions": {"notMatch": "/$"}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-host-trailing-slash",
    },
    "oas2-parameter-description": {
        "description": 'Parameter objects must have "description".',
        "severity": "warn",
        "recommended": False,
        "formats": ["oas2"],
        "given": "$..parameters[?(@ && @.in)]",
        "then": {"field": "description", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-parameter-description",
    },
    "oas2-operation-security-defined": {
        "description": 'Operation "security" values must '
        "match a scheme defined in the "
        '"securityDefinitions" object.',
        "message": "{{error}}",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas2"],
        "given": "#SecurityRequirementObject",
        "then": {"function": "oasSecurityDefined", "functionOptions": {"oasVersion": 2}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-operation-security-defined",
    },
    "oas2-valid-schema-example": {
        "description": "Examples must be valid against their defined schema.",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "formats": ["oas2"],
        "given": [
            "$..definitions..[?(@property !== "
            "'properties' && @ && (@.example !== void 0 "
            "|| @['x-example'] !== void 0 || @.default "
            "!== void 0) && (@.enum || @.type || "
            "@.format || @.$ref || @.properties || "
            "@.items))]",
            "$..parameters..[?(@property !== "
            "'properties' && @ && (@.example !== void 0 "
            "|| @['x-example'] !== void 0 || @.default "
            "!== void 0) && (@.enum || @.type || "
            "@.format || @.$ref || @.properties || "
            "@.items))]",
            "$..responses..[?(@property !== 'properties' "
            "&& @ && (@.example !== void 0 || "
            "@['x-example'] !== void 0 || @.default !== "
            "void 0) && (@.enum || @.type || @.format || "
            "@.$ref || @.properties || @.items))]",
        ],
        "then": {
            "function": "oasExample",
            "functionOptions": {"schemaField": "$", "oasVersion": 2, "type": "schema"},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-valid-schema-example",
    },
    "oas2-valid-media-example": {
        "description": "Examples must be valid against their defined schema.",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$..responses..[?(@ && @.schema && @.examples)]",
        "then": {
            "function": "oasExample",
            "functionOptions": {"schemaField": "schema", "oasVersion": 2, "type": "media"},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-valid-media-example",
    },
    "oas2-anyOf": {
        "description": "anyOf is not available in OpenAPI v2, it was added in OpenAPI v3",
        "message": '"anyOf" keyword must not be used in OpenAPI v2 document.',
        "severity": "warn",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$..anyOf",
        "then": {"function": "undefined"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-anyOf",
    },
    "oas2-oneOf": {
        "description": "oneOf is not available in OpenAPI v2, it was added in OpenAPI v3",
        "message": '"oneOf" keyword must not be used in OpenAPI v2 document.',
        "severity": "warn",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$..oneOf",
        "then": {"function": "undefined"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-oneOf",
    },
    "oas2-schema": {
        "description": "Validate structure of OpenAPI v2 specification.",
        "message": "{{error}}.",
        "severity": "error",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$",
        "then": {"function": "oasDocumentSchema"},
        "resolved": False,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-schema",
    },
    "oas2-unused-definition": {
        "description": "Potentially unused definition has been detected.",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas2"],
        "given": "$.definitions",
        "then": {
            "function": "unreferencedReusableObject",
            "functionOptions": {"reusableObjectsLocation": "#/definitions"},
        },
        "resolved": False,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas2-unused-definition",
    },
    "oas3-api-servers": {
        "description": 'OpenAPI "servers" must be present and non-empty array.',
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3"],
        "given": "$",
        "then": {
            "field": "servers",
            "function": "schema",
            "functionOptions": {
                "dialect": "draft7",
                "schema": {"items": {"type": "object"}, "minItems": 1, "type": "array"},
            },
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-api-servers",
    },
    "oas3-examples-value-or-externalValue": {
        "description": 'Examples must have either "value" or "externalValue" field.',
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3"],
        "given": [
            "$.components.examples[*]",
            "$.paths[*][*]..content[*].examples[*]",
            "$.paths[*][*]..parameters[*].examples[*]",
            "$.components.parameters[*].examples[*]",
            "$.paths[*][*]..headers[*].examples[*]",
            "$.components.headers[*].examples[*]",
        ],
        "then": {"function": "xor", "functionOptions": {"properties": ["externalValue", "value"]}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-examples-value-or-externalValue",
    },
    "oas3-operation-security-defined": {
        "description": 'Operation "security" values must '
        "match a scheme defined in the "
        '"components.securitySchemes" '
        "object.",
        "message": "{{error}}",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3"],
        "given": "#SecurityRequirementObject",
        "then": {"function": "oasSecurityDefined", "functionOptions": {"oasVersion": 3}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-operation-security-defined",
    },
    "oas3-parameter-description": {
        "description": 'Parameter objects must have "description".',
        "severity": "warn",
        "recommended": False,
        "formats": ["oas3"],
        "given": [
            "#PathItem.parameters[?(@ && @.in)]",
            "#OperationObject.parameters[?(@ && @.in)]",
            "$.components.parameters[?(@ && @.in)]",
        ],
        "then": {"field": "description", "function": "truthy"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-parameter-description",
    },
    "oas3-server-not-example.com": {
        "description": "Server URL must not point at example.com.",
        "severity": "warn",
        "recommended": False,
        "formats": ["oas3"],
        "given": "$.servers[*].url",
        "then": {"function": "pattern", "functionOptions": {"notMatch": "example\\.com"}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-server-not-example.com",
    },
    "oas3-server-trailing-slash": {
        "description": "Server URL must not have trailing slash.",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3"],
        "given": "$.servers[*].url",
        "then": {"function": "pattern", "functionOptions": {"notMatch": "./$"}},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-server-trailing-slash",
    },
    "oas3-valid-media-example": {
        "description": "Examples must be valid against their defined schema.",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "formats": ["oas3"],
        "given": [
            "$..content..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
            "$..headers..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
            "$..parameters..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
        ],
        "then": {
            "function": "oasExample",
            "functionOptions": {"schemaField": "schema", "oasVersion": 3, "type": "media"},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-valid-media-example",
    },
    "oas3-valid-schema-example": {
        "description": "Examples must be valid against their defined schema.",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "formats": ["oas3"],
        "given": [
            "$.components.schemas..[?(@property !== "
            "'properties' && @ && (@ && @.example !== "
            "void 0 || @.default !== void 0) && (@.enum "
            "|| @.type || @.format || @.$ref || "
            "@.properties || @.items))]",
            "$..content..[?(@property !== 'properties' "
            "&& @ && (@ && @.example !== void 0 || "
            "@.default !== void 0) && (@.enum || @.type "
            "|| @.format || @.$ref || @.properties || "
            "@.items))]",
            "$..headers..[?(@property !== 'properties' "
            "&& @ && (@ && @.example !== void 0 || "
            "@.default !== void 0) && (@.enum || @.type "
            "|| @.format || @.$ref || @.properties || "
            "@.items))]",
            "$..parameters..[?(@property !== "
            "'properties' && @ && (@ && @.example !== "
            "void 0 || @.default !== void 0) && (@.enum "
            "|| @.type || @.format || @.$ref || "
            "@.properties || @.items))]",
        ],
        "then": {
            "function": "oasExample",
            "functionOptions": {"schemaField": "$", "oasVersion": 3, "type": "schema"},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-valid-schema-example",
    },
    "oas3-schema": {
        "description": "Validate structure of OpenAPI v3 specification.",
        "message": "{{error}}.",
        "severity": "error",
        "recommended": True,
        "formats": ["oas3"],
        "given": "$",
        "then": {"function": "oasDocumentSchema"},
        "resolved": False,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-schema",
    },
    "oas3-unused-component": {
        "message": "Potentially unused component has been detected.",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3"],
        "given": "$",
        "then": {"function": "oasUnusedComponent"},
        "resolved": False,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-unused-component",
    },
    "oas3-server-variables": {
        "description": "Server variables must be defined and valid "
        "and there must be no unused variables.",
        "message": "{{error}}",
        "severity": "error",
        "recommended": True,
        "given": [
            "$.servers[*]",
            "#PathItem.servers[*]",
            "#OperationObject.servers[*]",
            "#LinkObject.server",
        ],
        "then": {
            "function": "serverVariables",
            "functionOptions": {"checkSubstitutions": True, "requireDefault": True},
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-server-variables",
    },
    "oas3-callbacks-in-callbacks": {
        "message": "Callbacks should not be defined within a callback",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3"],
        "given": ["#OperationObject.callbacks[*][*][*].callbacks"],
        "then": {"function": "undefined"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3-callbacks-in-callbacks",
    },
    "oas3_1-servers-in-webhook": {
        "message": "Servers should not be defined in a webhook.",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3.1", "oas3.2"],
        "given": ["$.webhooks.servers", "$.webhooks[*][*].servers"],
        "then": {"function": "undefined"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3_1-servers-in-webhook",
    },
    "oas3_1-callbacks-in-webhook": {
        "message": "Callbacks should not be defined in a webhook.",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3.1", "oas3.2"],
        "given": ["$.webhooks[*][*].callbacks"],
        "then": {"function": "undefined"},
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3_1-callbacks-in-webhook",
    },
    "oas3_2-no-deprecated-xml-attribute": {
        "message": '"xml.attribute" is deprecated in OAS '
        '3.2; use "xml.nodeType: attribute" '
        "instead.",
        "severity": "warn",
        "recommended": True,
        "formats": ["oas3.2"],
        "given": ["$..[?(@ && @.xml)].xml"],
        "then": {
            "function": "schema",
            "functionOptions": {
                "schema": {
                    "not": {"properties": {"attribute": {"const": True}}, "required": ["attribute"]}
                }
            },
        },
        "resolved": True,
        "documentationUrl": "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#oas3_2-no-deprecated-xml-attribute",
    },
}

RULESET: dict[str, Any] = {
    "documentationUrl": DOCUMENTATION_URL,
    "formats": ["oas2", "oas3", "oas3.0", "oas3.1", "oas3.2"],
    "aliases": ALIASES,
    "rules": RULES,
}
