"""JSON Schemas of the Open Badges documents the build publishes, written from the specifications.

Open Badges 3.0 (1EdTech, https://www.imsglobal.org/spec/ob/v3p0/): Achievement, Criteria,
Image, Related, Alignment, Profile — required properties and their types.
Open Badges 2.0 (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html):
BadgeClass, Criteria, AlignmentObject and Profile (issuer).
Only what the specifications require or define is checked; extra properties are allowed, as
both specifications allow them.
"""

URI = {"type": "string", "pattern": r"^[a-z][a-z0-9+.-]*:\S+$"}
HTTPS_URL = {"type": "string", "pattern": r"^https://\S+$"}
LANGUAGE = {"type": "string", "pattern": r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$"}  # BCP 47
TEXT = {"type": "string", "minLength": 1}

# --- Open Badges 3.0 -----------------------------------------------------------------
OB3_CRITERIA = {
    "type": "object",
    "properties": {"id": URI, "narrative": TEXT},
    "anyOf": [{"required": ["id"]}, {"required": ["narrative"]}],  # "at least one of id or narrative"
}
OB3_IMAGE = {
    "type": "object",
    "properties": {"id": URI, "type": {"const": "Image"}, "caption": {"type": "string"}},
    "required": ["id", "type"],
}
OB3_RELATED = {
    "type": "object",
    "properties": {"id": URI, "type": {"type": "array", "contains": {"const": "Related"}},
                   "inLanguage": LANGUAGE, "version": {"type": "string"}},
    "required": ["id", "type"],
}
OB3_ALIGNMENT = {
    "type": "object",
    "properties": {"type": {"type": "array", "contains": {"const": "Alignment"}},
                   "targetName": TEXT, "targetUrl": URI, "targetCode": {"type": "string"},
                   "targetFramework": {"type": "string"}, "targetDescription": {"type": "string"}},
    "required": ["type", "targetName", "targetUrl"],
}
OB3_PROFILE = {
    "type": "object",
    "properties": {"id": URI, "type": {"type": "array", "contains": {"const": "Profile"}},
                   "name": {"type": "string"}, "url": URI},
    "required": ["id", "type"],
}
OB3_ACHIEVEMENT = {
    "type": "object",
    "properties": {
        "@context": {"type": "array", "contains": {"const": "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
        "id": URI,
        "type": {"type": "array", "contains": {"const": "Achievement"}},
        "name": TEXT,
        "description": TEXT,
        "criteria": OB3_CRITERIA,
        "image": OB3_IMAGE,
        "achievementType": {"type": "string", "pattern": r"^(Achievement|ApprenticeshipCertificate|Assessment|Assignment|"
                            r"AssociateDegree|Award|Badge|BachelorDegree|Certificate|CertificateOfCompletion|Certification|"
                            r"CommunityService|Competency|Course|CoCurricular|Degree|Diploma|DoctoralDegree|Fieldwork|"
                            r"GeneralEducationDevelopment|JourneymanCertificate|LearningProgram|License|Membership|"
                            r"ProfessionalDoctorate|QualityAssuranceCredential|MasterCertificate|MasterDegree|"
                            r"MicroCredential|ResearchDoctorate|SecondarySchoolDiploma|ext:[a-z|A-Z|0-9|.|-|_]+)$"},
        "creator": OB3_PROFILE,
        "inLanguage": LANGUAGE,
        "related": {"type": "array", "items": OB3_RELATED},
        "alignment": {"type": "array", "items": OB3_ALIGNMENT},
    },
    "required": ["@context", "id", "type", "name", "description", "criteria"],
}

# --- Open Badges 2.0 -----------------------------------------------------------------
OB2_CRITERIA = {"type": "object", "properties": {"id": URI, "narrative": {"type": "string"}}}
OB2_ALIGNMENT = {
    "type": "object",
    "properties": {"targetName": TEXT, "targetUrl": URI, "targetDescription": {"type": "string"},
                   "targetFramework": {"type": "string"}, "targetCode": {"type": "string"}},
    "required": ["targetName", "targetUrl"],
}
OB2_BADGE_CLASS = {
    "type": "object",
    "properties": {
        "@context": {"const": "https://w3id.org/openbadges/v2"},
        "id": URI,
        "type": {"const": "BadgeClass"},
        "name": TEXT,
        "description": TEXT,
        "image": URI,  # an IRI of the image, or an Image object; ours are IRIs
        "criteria": OB2_CRITERIA,
        "issuer": URI,  # the IRI of the issuer's Profile
        "alignment": {"type": "array", "items": OB2_ALIGNMENT},
        "@language": LANGUAGE,
        "related": {"type": "array", "items": {"type": "object",
                                               "properties": {"id": URI, "@language": LANGUAGE,
                                                              "version": {"type": "string"}},
                                               "required": ["id"]}},
    },
    "required": ["@context", "id", "type", "name", "description", "image", "criteria", "issuer"],
}
OB2_PROFILE = {
    "type": "object",
    "properties": {
        "@context": {"const": "https://w3id.org/openbadges/v2"},
        "id": URI,
        "type": {"enum": ["Profile", "Issuer"]},
        "name": TEXT,
        "url": URI,
        "email": {"type": "string"},
        "description": {"type": "string"},
    },
    "required": ["@context", "id", "type", "name", "url"],
}
