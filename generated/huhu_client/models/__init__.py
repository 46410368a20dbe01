"""Contains all the data models used in inputs/outputs"""

from .complete_multipart_upload_request import CompleteMultipartUploadRequest
from .completed_part import CompletedPart
from .create_model_request import CreateModelRequest
from .create_model_request_model_size import CreateModelRequestModelSize
from .create_model_request_model_type import CreateModelRequestModelType
from .create_pose_request import CreatePoseRequest
from .create_program_request import CreateProgramRequest
from .create_project_request import CreateProjectRequest
from .create_tasks_request import CreateTasksRequest
from .create_video_request import CreateVideoRequest
from .create_video_request_video_length import CreateVideoRequestVideoLength
from .created_model import CreatedModel
from .created_pose import CreatedPose
from .created_program import CreatedProgram
from .credit_history_item import CreditHistoryItem
from .credit_history_page import CreditHistoryPage
from .custom_pose import CustomPose
from .custom_pose_prompt_type_type_0 import CustomPosePromptTypeType0
from .error import Error
from .error_code import ErrorCode
from .error_errors_item import ErrorErrorsItem
from .first_frame_base_64 import FirstFrameBase64
from .first_frame_image_id import FirstFrameImageId
from .garment_image import GarmentImage
from .garment_image_garment_type import GarmentImageGarmentType
from .garment_image_view import GarmentImageView
from .generate_face_request import GenerateFaceRequest
from .generate_face_request_mode import GenerateFaceRequestMode
from .generate_model_image_request import GenerateModelImageRequest
from .generate_pose_request import GeneratePoseRequest
from .generate_tasks_request import GenerateTasksRequest
from .generated_image import GeneratedImage
from .generation_request import GenerationRequest
from .generation_request_status import GenerationRequestStatus
from .generation_status import GenerationStatus
from .generation_status_status import GenerationStatusStatus
from .get_models_age_range import GetModelsAgeRange
from .get_models_model_size import GetModelsModelSize
from .get_models_model_type import GetModelsModelType
from .get_models_skin_tone import GetModelsSkinTone
from .image_upload_result import ImageUploadResult
from .library_pose import LibraryPose
from .library_pose_model_category import LibraryPoseModelCategory
from .library_pose_prompt_type import LibraryPosePromptType
from .list_pose_library_model_category import ListPoseLibraryModelCategory
from .list_pose_library_prompt_type import ListPoseLibraryPromptType
from .message import Message
from .model_attributes import ModelAttributes
from .model_attributes_age_range import ModelAttributesAgeRange
from .model_attributes_skin_tone import ModelAttributesSkinTone
from .model_image import ModelImage
from .model_image_crop_type_type_0 import ModelImageCropTypeType0
from .model_image_list import ModelImageList
from .model_image_view_type_type_0 import ModelImageViewTypeType0
from .model_list import ModelList
from .model_summary import ModelSummary
from .model_summary_model_size_type_0 import ModelSummaryModelSizeType0
from .model_summary_model_type_type_0 import ModelSummaryModelTypeType0
from .multipart_upload_init import MultipartUploadInit
from .plan import Plan
from .pose_detail import PoseDetail
from .pose_detail_prompt_type_type_0 import PoseDetailPromptTypeType0
from .pose_generation_request import PoseGenerationRequest
from .pose_generation_request_status import PoseGenerationRequestStatus
from .pose_library import PoseLibrary
from .pose_list import PoseList
from .program import Program
from .program_list import ProgramList
from .project_detail import ProjectDetail
from .project_detail_project_status import ProjectDetailProjectStatus
from .project_list import ProjectList
from .project_summary import ProjectSummary
from .project_summary_project_status import ProjectSummaryProjectStatus
from .save_model_image_request import SaveModelImageRequest
from .saved_model_image import SavedModelImage
from .saved_model_image_crop_type_type_0 import SavedModelImageCropTypeType0
from .saved_model_image_view_type_type_0 import SavedModelImageViewTypeType0
from .sku import Sku
from .sku_list import SkuList
from .sku_tasks import SkuTasks
from .task_detail import TaskDetail
from .task_detail_task_status import TaskDetailTaskStatus
from .task_detail_view import TaskDetailView
from .task_list import TaskList
from .task_output import TaskOutput
from .task_summary import TaskSummary
from .task_summary_task_status import TaskSummaryTaskStatus
from .task_summary_view import TaskSummaryView
from .update_skus_request import UpdateSkusRequest
from .update_task_request import UpdateTaskRequest
from .upload_request import UploadRequest
from .upload_request_file_type import UploadRequestFileType
from .upscale_request import UpscaleRequest
from .upscale_status import UpscaleStatus
from .upscale_status_status import UpscaleStatusStatus
from .upscale_submitted import UpscaleSubmitted
from .video_request import VideoRequest
from .video_request_duration import VideoRequestDuration
from .video_request_list import VideoRequestList
from .video_request_request_status import VideoRequestRequestStatus
from .video_submitted import VideoSubmitted
from .video_submitted_request_status import VideoSubmittedRequestStatus

__all__ = (
    "CompleteMultipartUploadRequest",
    "CompletedPart",
    "CreateModelRequest",
    "CreateModelRequestModelSize",
    "CreateModelRequestModelType",
    "CreatePoseRequest",
    "CreateProgramRequest",
    "CreateProjectRequest",
    "CreateTasksRequest",
    "CreateVideoRequest",
    "CreateVideoRequestVideoLength",
    "CreatedModel",
    "CreatedPose",
    "CreatedProgram",
    "CreditHistoryItem",
    "CreditHistoryPage",
    "CustomPose",
    "CustomPosePromptTypeType0",
    "Error",
    "ErrorCode",
    "ErrorErrorsItem",
    "FirstFrameBase64",
    "FirstFrameImageId",
    "GarmentImage",
    "GarmentImageGarmentType",
    "GarmentImageView",
    "GenerateFaceRequest",
    "GenerateFaceRequestMode",
    "GenerateModelImageRequest",
    "GeneratePoseRequest",
    "GenerateTasksRequest",
    "GeneratedImage",
    "GenerationRequest",
    "GenerationRequestStatus",
    "GenerationStatus",
    "GenerationStatusStatus",
    "GetModelsAgeRange",
    "GetModelsModelSize",
    "GetModelsModelType",
    "GetModelsSkinTone",
    "ImageUploadResult",
    "LibraryPose",
    "LibraryPoseModelCategory",
    "LibraryPosePromptType",
    "ListPoseLibraryModelCategory",
    "ListPoseLibraryPromptType",
    "Message",
    "ModelAttributes",
    "ModelAttributesAgeRange",
    "ModelAttributesSkinTone",
    "ModelImage",
    "ModelImageCropTypeType0",
    "ModelImageList",
    "ModelImageViewTypeType0",
    "ModelList",
    "ModelSummary",
    "ModelSummaryModelSizeType0",
    "ModelSummaryModelTypeType0",
    "MultipartUploadInit",
    "Plan",
    "PoseDetail",
    "PoseDetailPromptTypeType0",
    "PoseGenerationRequest",
    "PoseGenerationRequestStatus",
    "PoseLibrary",
    "PoseList",
    "Program",
    "ProgramList",
    "ProjectDetail",
    "ProjectDetailProjectStatus",
    "ProjectList",
    "ProjectSummary",
    "ProjectSummaryProjectStatus",
    "SaveModelImageRequest",
    "SavedModelImage",
    "SavedModelImageCropTypeType0",
    "SavedModelImageViewTypeType0",
    "Sku",
    "SkuList",
    "SkuTasks",
    "TaskDetail",
    "TaskDetailTaskStatus",
    "TaskDetailView",
    "TaskList",
    "TaskOutput",
    "TaskSummary",
    "TaskSummaryTaskStatus",
    "TaskSummaryView",
    "UpdateSkusRequest",
    "UpdateTaskRequest",
    "UploadRequest",
    "UploadRequestFileType",
    "UpscaleRequest",
    "UpscaleStatus",
    "UpscaleStatusStatus",
    "UpscaleSubmitted",
    "VideoRequest",
    "VideoRequestDuration",
    "VideoRequestList",
    "VideoRequestRequestStatus",
    "VideoSubmitted",
    "VideoSubmittedRequestStatus",
)
