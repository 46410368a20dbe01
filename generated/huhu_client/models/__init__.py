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
from .created_project import CreatedProject
from .credit_history_item import CreditHistoryItem
from .credit_history_page import CreditHistoryPage
from .custom_pose import CustomPose
from .error import Error
from .error_errors_item import ErrorErrorsItem
from .first_frame_base_64 import FirstFrameBase64
from .first_frame_image_id import FirstFrameImageId
from .garment_image import GarmentImage
from .generate_face_request import GenerateFaceRequest
from .generate_face_request_mode import GenerateFaceRequestMode
from .generate_model_image_request import GenerateModelImageRequest
from .generate_pose_request import GeneratePoseRequest
from .generate_tasks_request import GenerateTasksRequest
from .generated_image import GeneratedImage
from .generation_request import GenerationRequest
from .generation_status import GenerationStatus
from .get_models_age_range import GetModelsAgeRange
from .get_models_model_size import GetModelsModelSize
from .get_models_model_type import GetModelsModelType
from .get_models_skin_tone import GetModelsSkinTone
from .image_upload_result import ImageUploadResult
from .library_pose import LibraryPose
from .list_pose_library_model_category import ListPoseLibraryModelCategory
from .list_pose_library_prompt_type import ListPoseLibraryPromptType
from .message import Message
from .model_attributes import ModelAttributes
from .model_image import ModelImage
from .model_image_list import ModelImageList
from .model_list import ModelList
from .model_summary import ModelSummary
from .multipart_upload_init import MultipartUploadInit
from .plan import Plan
from .pose_detail import PoseDetail
from .pose_generation_request import PoseGenerationRequest
from .pose_library import PoseLibrary
from .pose_list import PoseList
from .program import Program
from .program_list import ProgramList
from .project_detail import ProjectDetail
from .project_list import ProjectList
from .project_summary import ProjectSummary
from .save_model_image_request import SaveModelImageRequest
from .saved_model_image import SavedModelImage
from .sku import Sku
from .sku_list import SkuList
from .sku_tasks import SkuTasks
from .task_detail import TaskDetail
from .task_list import TaskList
from .task_output import TaskOutput
from .task_summary import TaskSummary
from .update_skus_request import UpdateSkusRequest
from .update_task_request import UpdateTaskRequest
from .upload_request import UploadRequest
from .upload_request_file_type import UploadRequestFileType
from .upscale_request import UpscaleRequest
from .upscale_status import UpscaleStatus
from .upscale_submitted import UpscaleSubmitted
from .video_request import VideoRequest
from .video_request_list import VideoRequestList
from .video_submitted import VideoSubmitted

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
    "CreatedProject",
    "CreditHistoryItem",
    "CreditHistoryPage",
    "CustomPose",
    "Error",
    "ErrorErrorsItem",
    "FirstFrameBase64",
    "FirstFrameImageId",
    "GarmentImage",
    "GenerateFaceRequest",
    "GenerateFaceRequestMode",
    "GenerateModelImageRequest",
    "GeneratePoseRequest",
    "GenerateTasksRequest",
    "GeneratedImage",
    "GenerationRequest",
    "GenerationStatus",
    "GetModelsAgeRange",
    "GetModelsModelSize",
    "GetModelsModelType",
    "GetModelsSkinTone",
    "ImageUploadResult",
    "LibraryPose",
    "ListPoseLibraryModelCategory",
    "ListPoseLibraryPromptType",
    "Message",
    "ModelAttributes",
    "ModelImage",
    "ModelImageList",
    "ModelList",
    "ModelSummary",
    "MultipartUploadInit",
    "Plan",
    "PoseDetail",
    "PoseGenerationRequest",
    "PoseLibrary",
    "PoseList",
    "Program",
    "ProgramList",
    "ProjectDetail",
    "ProjectList",
    "ProjectSummary",
    "SaveModelImageRequest",
    "SavedModelImage",
    "Sku",
    "SkuList",
    "SkuTasks",
    "TaskDetail",
    "TaskList",
    "TaskOutput",
    "TaskSummary",
    "UpdateSkusRequest",
    "UpdateTaskRequest",
    "UploadRequest",
    "UploadRequestFileType",
    "UpscaleRequest",
    "UpscaleStatus",
    "UpscaleSubmitted",
    "VideoRequest",
    "VideoRequestList",
    "VideoSubmitted",
)
